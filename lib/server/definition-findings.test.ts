import { describe, expect, it } from "vitest";
import { lintDefinition } from "@/lib/analysis/findings/lint";
import { findingsForDefinition } from "./definition-findings";

const definition = JSON.stringify({
  StartAt: "Call",
  States: { Call: { Type: "Task", Resource: "arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 60, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Gone" }], End: true } },
});

describe("findingsForDefinition (the dashboard's findings)", () => {
  it("is the CLI's lint with DescribeStateMachine's type: same function, same inputs, same answer", () => {
    for (const stateMachineType of ["STANDARD", "EXPRESS"] as const) {
      expect(findingsForDefinition(definition, { stateMachineType })).toEqual(lintDefinition(definition, { stateMachineType, observed: [], deployed: true }).findings);
    }
    const codes = (type: "STANDARD" | "EXPRESS") => findingsForDefinition(definition, { stateMachineType: type }).map((f) => f.code);
    expect(codes("STANDARD")).toEqual(expect.arrayContaining(["transition-target-missing", "execution-timeout-missing", "heartbeat-missing"]));
    expect(codes("EXPRESS")).not.toContain("execution-timeout-missing");
    expect(codes("EXPRESS")).toContain("express-integration-unsupported");
  });

  it("has no findings for what is not a definition (the graph says why)", () => {
    expect(findingsForDefinition("{nope", { stateMachineType: "STANDARD" })).toEqual([]);
  });
});
