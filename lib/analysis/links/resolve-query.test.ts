import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveQuery, type QueryTarget } from "./resolve-query";
import { buildBadInputs } from "@/test-support/bad-inputs";

const ACCOUNT = "123456789012";
const SM = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`;
const EXECUTION = `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:run-1`;
const CONSOLE = "https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1";
const KINDS = ["execution", "state-machine", "alarm", "alarm-name", "invalid"];

function alarm(trigger: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AlarmName: "orders-failed",
    NewStateValue: "ALARM",
    StateChangeTime: "2025-06-01T12:00:00.000+0000",
    Region: "US East (N. Virginia)",
    Trigger: { MetricName: "ExecutionsFailed", Namespace: "AWS/States", Dimensions: [{ value: SM, name: "StateMachineArn" }], Period: 300, EvaluationPeriods: 2, ...trigger },
    ...overrides,
  });
}

function expectInvalid(result: QueryTarget, message?: string) {
  expect(result.kind).toBe("invalid");
  if (result.kind !== "invalid") return;
  expect(result.message.length).toBeGreaterThan(0);
  expect(result.expected).toContain("Step Functions ARN");
  if (message) expect(result.message).toContain(message);
}

/** resolveQuery's whole contract for any text: a result of a known kind, never an exception. */
function checkTotal(text: string) {
  const result = resolveQuery(text);
  expect(KINDS).toContain(result.kind);
  if (result.kind === "invalid") expect(result.message.length).toBeGreaterThan(0);
  if (result.kind === "alarm-name") expect(result.alarmName.length).toBeGreaterThan(0);
}

describe("resolveQuery: ARNs", () => {
  it("sends an execution ARN to the execution", () => {
    expect(resolveQuery(EXECUTION)).toMatchObject({ kind: "execution", arn: { arn: EXECUTION, kind: "execution" } });
  });

  it("sends a Map Run child execution to the execution", () => {
    const arn = `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders/ProcessItems:5e2f9a1c`;
    expect(resolveQuery(arn)).toMatchObject({ kind: "execution", arn: { arn, kind: "map-run-execution", mapRunLabel: "ProcessItems" } });
  });

  it.each([
    ["state machine", SM],
    ["version", `${SM}:7`],
    ["alias", `${SM}:live`],
    ["Map Run", `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:orders/ProcessItems:0a1b2c3d`],
  ])("sends a %s ARN to the unqualified state machine, with no window", (_label, arn) => {
    expect(resolveQuery(`  ${arn}  `)).toEqual({ kind: "state-machine", arn: expect.objectContaining({ arn: SM, kind: "state-machine" }) });
  });

  it("refuses Express executions and activities, saying why", () => {
    expectInvalid(resolveQuery(`arn:aws:states:us-east-1:${ACCOUNT}:express:orders:run-1:abc`), "CloudWatch Logs");
    expectInvalid(resolveQuery(`arn:aws:states:us-east-1:${ACCOUNT}:activity:approve`), "activity");
  });

  it("passes the ARN parser's message through", () => {
    expectInvalid(resolveQuery(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-handler`), '"lambda" service');
  });

  it("works in aws-cn and aws-us-gov", () => {
    expect(resolveQuery(`arn:aws-cn:states:cn-north-1:${ACCOUNT}:execution:orders:run-1`)).toMatchObject({ kind: "execution", arn: { partition: "aws-cn" } });
    expect(resolveQuery(`arn:aws-us-gov:states:us-gov-west-1:${ACCOUNT}:stateMachine:orders`)).toMatchObject({
      kind: "state-machine",
      arn: { partition: "aws-us-gov", region: "us-gov-west-1" },
    });
  });
});

describe("resolveQuery: console links", () => {
  it.each([
    ["v2", `${CONSOLE}#/v2/executions/details/${EXECUTION}`],
    ["old", `${CONSOLE}#/executions/details/${EXECUTION}`],
    ["percent-encoded", `${CONSOLE}#/v2/executions/details/${encodeURIComponent(EXECUTION)}`],
  ])("reads a %s execution link", (_label, url) => {
    expect(resolveQuery(url)).toMatchObject({ kind: "execution", arn: { arn: EXECUTION } });
  });

  it("reads a state machine link", () => {
    expect(resolveQuery(`${CONSOLE}#/statemachines/view/${encodeURIComponent(SM)}`)).toMatchObject({ kind: "state-machine", arn: { arn: SM } });
  });

  it.each([
    ["lambda", "https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/functions/orders-handler"],
    ["cloudwatch", "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/orders-failed"],
  ])("refuses a %s console link, naming the service", (service, url) => {
    expectInvalid(resolveQuery(url), `"${service}" service`);
  });

  it("refuses links that are not the AWS console", () => {
    expectInvalid(resolveQuery("https://example.com/states/home"), "is not the AWS console");
    expectInvalid(resolveQuery("ftp://example.com/x"), "not an AWS console link");
  });
});

describe("resolveQuery: alarm notifications and names", () => {
  it("sends an AWS/States alarm notification to the alarm view, with its breach window", () => {
    const result = resolveQuery(alarm({}, { NewStateReason: "Threshold Crossed: 1 out of the last 2 datapoints [1.0 (01/06/25 11:50:00)] was greater than the threshold (0.0)." }));
    expect(result).toMatchObject({
      kind: "alarm",
      alarm: {
        alarmName: "orders-failed",
        stateMachineArn: SM,
        newStateValue: "ALARM",
        breach: { from: "2025-06-01T11:50:00.000Z", to: "2025-06-01T11:55:00.000Z", source: "reason-text" },
      },
    });
  });

  it("does the same through the SNS envelope", () => {
    const envelope = JSON.stringify({ Type: "Notification", MessageId: "m-1", Message: alarm() });
    expect(resolveQuery(envelope)).toEqual(resolveQuery(alarm()));
  });

  it("takes an EventBridge alarm state change event", () => {
    const event = JSON.stringify({
      "detail-type": "CloudWatch Alarm State Change",
      source: "aws.cloudwatch",
      region: "us-east-1",
      resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:orders-failed`],
      detail: {
        alarmName: "orders-failed",
        configuration: { metrics: [{ id: "m1", metricStat: { metric: { dimensions: { StateMachineArn: SM }, name: "ExecutionsFailed", namespace: "AWS/States" }, period: 60, stat: "Sum" }, returnData: true }] },
        state: { value: "ALARM", reason: "Threshold Crossed", reasonData: JSON.stringify({ period: 60, evaluatedDatapoints: [{ timestamp: "2025-06-01T11:58:00.000+0000", value: 1 }] }), timestamp: "2025-06-01T12:00:10.000+0000" },
      },
    });
    expect(resolveQuery(event)).toMatchObject({ kind: "alarm", alarm: { format: "eventbridge", region: "us-east-1", breach: { from: "2025-06-01T11:58:00.000Z", to: "2025-06-01T11:59:00.000Z" } } });
  });

  it("refuses an alarm on another namespace, naming it", () => {
    expectInvalid(resolveQuery(alarm({ Namespace: "AWS/Lambda" })), "watches AWS/Lambda, not AWS/States");
    expectInvalid(resolveQuery(JSON.stringify({ Type: "Notification", Message: alarm({ Namespace: "AWS/SQS" }) })), "AWS/SQS");
  });

  it("keeps a metric-math alarm that names no state machine: the alarm view reads it from DescribeAlarms", () => {
    const result = resolveQuery(alarm({ Namespace: undefined, Dimensions: undefined, MetricName: undefined, Metrics: [{ Id: "e1", Expression: "m1+m2" }] }));
    expect(result).toMatchObject({ kind: "alarm", alarm: { alarmName: "orders-failed", stateMachineArn: null, metricMath: true } });
  });

  it("takes an alarm ARN as the alarm's name in its region", () => {
    expect(resolveQuery(`arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:Orders: failed (prod)`)).toEqual({ kind: "alarm-name", alarmName: "Orders: failed (prod)", region: "eu-west-1" });
  });

  it("refuses broken and huge alarm JSON", () => {
    expectInvalid(resolveQuery(alarm().slice(0, -1)), "not valid JSON");
    expectInvalid(resolveQuery(alarm({}, { AlarmDescription: "d".repeat(262_144) })), "at most 262144");
  });

  it("takes anything else printable and short enough as an alarm name", () => {
    expect(resolveQuery("  orders-failed  ")).toEqual({ kind: "alarm-name", alarmName: "orders-failed", region: null });
    expect(resolveQuery("Orders: executions failed (prod)")).toEqual({ kind: "alarm-name", alarmName: "Orders: executions failed (prod)", region: null });
  });

  it("refuses javascript:, data: and other document schemes without echoing them", () => {
    for (const q of ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd"]) {
      const result = resolveQuery(q);
      expectInvalid(result);
      expect(result).toMatchObject({ echo: false });
    }
    expect(resolveQuery("arn:aws:lambda:us-east-1:123456789012:function:f")).toMatchObject({ kind: "invalid", echo: true });
  });

  it("refuses empty text", () => {
    expectInvalid(resolveQuery(""), "Nothing to look up");
    expectInvalid(resolveQuery(" \n\t "), "Nothing to look up");
  });

  it("does not throw on an alarm whose Period × EvaluationPeriods is absurd", () => {
    expect(() => resolveQuery(alarm({ Period: 1e20 }))).not.toThrow();
  });
});

describe("resolveQuery: the bad-input corpus", () => {
  const corpus = buildBadInputs();

  it("holds more than 200 distinct cases", () => {
    expect(corpus.length).toBeGreaterThan(200);
    expect(new Set(corpus.map((c) => c.label)).size).toBe(corpus.length);
  });

  it("covers every family the brief names", () => {
    const families = new Set(corpus.map((c) => c.label.split(":")[0]));
    expect([...families].sort()).toEqual(["alarm", "arn", "console", "other service", "text"]);
    expect(corpus.some((c) => c.text.includes("<script>") && c.expected === "invalid")).toBe(true);
    expect(corpus.some((c) => c.text.includes("<script>") && c.expected === "alarm-name")).toBe(true);
    expect(corpus.some((c) => c.text.length > 262_144)).toBe(true);
  });

  it("never throws, and gives each case the outcome it is owed", () => {
    const wrong: string[] = [];
    for (const c of corpus) {
      let result: QueryTarget;
      try {
        result = resolveQuery(c.text);
      } catch (error) {
        wrong.push(`${c.label}: threw ${String(error)}`);
        continue;
      }
      if (result.kind !== c.expected) {
        wrong.push(`${c.label}: expected ${c.expected}, got ${JSON.stringify(result).slice(0, 200)}`);
      } else if (result.kind === "invalid" && (result.message.length === 0 || result.expected.length === 0)) {
        wrong.push(`${c.label}: invalid without a message`);
      } else if (result.kind === "alarm-name" && result.alarmName !== (c.alarmName ?? c.text.trim())) {
        wrong.push(`${c.label}: alarm name changed to ${result.alarmName}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("resolveQuery: properties", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (text) => checkTotal(text)),
      { numRuns: 2000 },
    );
  });

  it("never throws on strings that start like an ARN, a console link or JSON", () => {
    const prefix = fc.constantFrom(
      "arn:",
      "arn:aws:states:",
      `arn:aws:states:us-east-1:${ACCOUNT}:`,
      `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders`,
      "{",
      '{"Type":"Notification","Message":',
      `${CONSOLE}#/v2/executions/details/`,
      "https://",
    );
    fc.assert(
      fc.property(prefix, fc.string({ unit: "grapheme-ascii", maxLength: 200 }), (p, rest) => checkTotal(p + rest)),
      { numRuns: 2000 },
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => checkTotal(text)), { numRuns: 1000 });
  });

  it("never throws on alarm-shaped JSON with arbitrary numbers, times and dimensions", () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 12 }), fc.constant(null));
    const alarmShaped = fc.record({
      AlarmName: fc.string({ minLength: 1, maxLength: 40 }),
      StateChangeTime: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 })),
      Trigger: fc.record({
        Namespace: fc.constantFrom("AWS/States", "AWS/Lambda", undefined),
        Dimensions: fc.array(fc.record({ name: fc.constantFrom("StateMachineArn", "LambdaFunctionArn"), value: fc.constantFrom(SM, EXECUTION, "x", "") })),
        Period: value,
        EvaluationPeriods: value,
      }),
    });
    fc.assert(fc.property(alarmShaped, fc.boolean(), (body, wrap) => {
      const text = JSON.stringify(body);
      checkTotal(wrap ? JSON.stringify({ Type: "Notification", Message: text }) : text);
    }), { numRuns: 2000 });
  });
});
