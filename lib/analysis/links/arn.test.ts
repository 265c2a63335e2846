import { describe, expect, it } from "vitest";
import { ArnError, parseStatesArn, tryParseStatesArn, type StatesArn } from "./arn";

const PARTITIONS = [
  ["aws", "us-east-1"],
  ["aws-cn", "cn-north-1"],
  ["aws-us-gov", "us-gov-west-1"],
] as const;

function thrown(input: string): ArnError {
  try {
    parseStatesArn(input);
  } catch (error) {
    if (error instanceof ArnError) return error;
    throw new Error(`parseStatesArn threw something other than ArnError for ${input}: ${String(error)}`);
  }
  throw new Error(`parseStatesArn accepted ${input}`);
}

describe("parseStatesArn: every Step Functions ARN kind, in every partition", () => {
  for (const [partition, region] of PARTITIONS) {
    const prefix = `arn:${partition}:states:${region}:123456789012:`;
    const sm = `${prefix}stateMachine:orders`;
    const common = { partition, region, account: "123456789012" };
    const cases: [string, string, Partial<StatesArn>][] = [
      ["state machine", sm, { kind: "state-machine", stateMachineName: "orders", stateMachineArn: sm, qualifier: null, executionName: null, mapRunLabel: null }],
      ["version", `${sm}:3`, { kind: "state-machine-qualified", stateMachineName: "orders", stateMachineArn: sm, qualifier: "3" }],
      ["alias", `${sm}:live`, { kind: "state-machine-qualified", stateMachineName: "orders", stateMachineArn: sm, qualifier: "live" }],
      ["execution", `${prefix}execution:orders:run-1`, { kind: "execution", stateMachineName: "orders", stateMachineArn: sm, executionName: "run-1", mapRunLabel: null }],
      [
        "Express execution",
        `${prefix}express:orders:run-1:8c2d0f0e-1f4a-4c5e-9b7a-2a6f3c1d9e00`,
        { kind: "express-execution", stateMachineName: "orders", stateMachineArn: sm, executionName: "run-1" },
      ],
      [
        "Map Run",
        `${prefix}mapRun:orders/ProcessItems:0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
        { kind: "map-run", stateMachineName: "orders", stateMachineArn: sm, mapRunLabel: "ProcessItems", executionName: null },
      ],
      [
        "Map Run child execution",
        `${prefix}execution:orders/ProcessItems:5e2f9a1c-0b3d-4e6f-8a7b-9c0d1e2f3a4b`,
        { kind: "map-run-execution", stateMachineName: "orders", stateMachineArn: sm, mapRunLabel: "ProcessItems", executionName: "5e2f9a1c-0b3d-4e6f-8a7b-9c0d1e2f3a4b" },
      ],
      ["activity", `${prefix}activity:approve`, { kind: "activity", stateMachineName: null, stateMachineArn: null, executionName: null }],
    ];
    it.each(cases)(`${partition}: %s`, (_label, arn, expected) => {
      const parsed = parseStatesArn(arn);
      expect(parsed).toMatchObject({ ...common, ...expected, arn });
      expect(tryParseStatesArn(arn)).toEqual(parsed);
    });
  }

  it("trims whitespace around a pasted ARN", () => {
    const arn = "arn:aws:states:eu-west-1:123456789012:execution:orders:run-1";
    expect(parseStatesArn(`  ${arn}\n`).arn).toBe(arn);
  });

  it("accepts Unicode names and names of exactly 80 characters", () => {
    expect(parseStatesArn("arn:aws:states:eu-central-1:123456789012:stateMachine:Bestellungen-äöü-注文").stateMachineName).toBe("Bestellungen-äöü-注文");
    const name = "n".repeat(80);
    expect(parseStatesArn(`arn:aws:states:us-east-1:123456789012:execution:orders:${name}`).executionName).toBe(name);
  });

  it("accepts regions of every shape AWS uses", () => {
    for (const region of ["ap-southeast-2", "eu-north-1", "il-central-1", "cn-northwest-1", "us-gov-east-1", "us-isob-east-1", "mx-central-1"]) {
      expect(parseStatesArn(`arn:aws:states:${region}:123456789012:stateMachine:orders`).region).toBe(region);
    }
  });

  it("accepts a Map Run ARN up to 2,000 characters, and no other ARN over 256", () => {
    const head = "arn:aws:states:us-east-1:123456789012:mapRun:orders/";
    const tail = ":0a1b2c3d";
    const label = "L".repeat(2000 - head.length - tail.length);
    expect(parseStatesArn(`${head}${label}${tail}`).mapRunLabel).toBe(label);
    expect(thrown(`${head}${label}x${tail}`).message).toContain("2000");
    expect(thrown(`arn:aws:states:us-east-1:123456789012:activity:${"a".repeat(250)}`).message).toContain("256");
  });
});

describe("parseStatesArn: what it rejects, and how it says so", () => {
  it.each([
    ["empty", "", "empty"],
    ["whitespace only", "   ", "empty"],
    ["not an ARN", "orders-pipeline", "not an ARN"],
    ["unknown partition", "arn:aws-iso-x:states:us-east-1:123456789012:stateMachine:orders", "partition"],
    ["Lambda function", "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", '"lambda"'],
    ["CloudWatch alarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-failed", '"cloudwatch"'],
    ["bad region", "arn:aws:states:US-EAST-1:123456789012:stateMachine:orders", "region"],
    ["short account", "arn:aws:states:us-east-1:12345:stateMachine:orders", "12-digit"],
    ["unknown resource type", "arn:aws:states:us-east-1:123456789012:statemachine:orders", '"statemachine"'],
    ["name with a space", "arn:aws:states:us-east-1:123456789012:stateMachine:my orders", "not a valid Step Functions name"],
    ["name of 81 characters", `arn:aws:states:us-east-1:123456789012:stateMachine:${"n".repeat(81)}`, "not a valid Step Functions name"],
    ["state machine with two qualifiers", "arn:aws:states:us-east-1:123456789012:stateMachine:orders:1:live", "at most a name and a version or alias"],
    ["execution without id", "arn:aws:states:us-east-1:123456789012:execution:orders", ":execution:{stateMachine}:{execution}"],
    ["Map Run child with empty label", "arn:aws:states:us-east-1:123456789012:execution:orders/:c1", "label is empty"],
    ["Map Run without label", "arn:aws:states:us-east-1:123456789012:mapRun:orders:abc", "{stateMachine}/{label}"],
    ["Express with too few parts", "arn:aws:states:us-east-1:123456789012:express:orders:run-1", ":express:"],
    ["activity with qualifier", "arn:aws:states:us-east-1:123456789012:activity:approve:1", ":activity:{name}"],
    ["over 2,000 characters", `arn:aws:states:us-east-1:123456789012:mapRun:orders/${"L".repeat(2000)}:x`, "at most 2000"],
  ])("%s", (_label, input, message) => {
    const error = thrown(input);
    expect(error.name).toBe("ArnError");
    expect(error.message).toContain(message);
    expect(error.expected).toContain("arn:aws:states:{region}:{account}:stateMachine:{name}");
    expect(tryParseStatesArn(input)).toBeNull();
  });

  // BUG: SNS, SQS and S3 ARNs have six colon-separated parts, so they fail the part count before the
  // service check and are told "This is not an ARN" — which is wrong and hides the useful message.
  it.each([
    ["sns", "arn:aws:sns:us-east-1:123456789012:alerts"],
    ["sqs", "arn:aws:sqs:us-east-1:123456789012:orders-queue"],
    ["s3", "arn:aws:s3:::my-bucket"],
  ])("names the %s service for that service's six-part ARN", (service, input) => {
    const error = thrown(input);
    expect(error.message).toContain(`"${service}"`);
    expect(error.message).not.toContain("This is not an ARN");
  });

  // BUG: Map Run and Express ARNs are not checked for an empty label or trailing id, although Map Run
  // child execution ARNs are ("The Map Run label is empty.") — the module promises strict parsing.
  it.each([
    ["execution with empty id", "arn:aws:states:us-east-1:123456789012:execution:orders:"],
    ["Map Run child with empty id", "arn:aws:states:us-east-1:123456789012:execution:orders/Items:"],
    ["Map Run with empty label", "arn:aws:states:us-east-1:123456789012:mapRun:orders/:0a1b2c3d"],
    ["Map Run with empty id", "arn:aws:states:us-east-1:123456789012:mapRun:orders/Items:"],
    ["Express with empty id", "arn:aws:states:us-east-1:123456789012:express:orders:run-1:"],
  ])("rejects a %s", (_label, input) => {
    expect(tryParseStatesArn(input)).toBeNull();
  });

  it("never lets a non-ArnError escape for odd input", () => {
    for (const input of ["arn", "arn:", "arn:::::::", ":".repeat(50), "arn:aws:states:us-east-1:123456789012:stateMachine:\ud800", "\u0000arn:aws"]) {
      expect(() => tryParseStatesArn(input)).not.toThrow();
    }
  });
});
