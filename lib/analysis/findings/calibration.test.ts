import { describe, expect, it } from "vitest";
import { type Finding } from "./finding";
import { findDefinitionFindings } from "./find-findings";
import { FINDING_RULES } from "./rules";

const LAMBDA = "arn:aws:states:::lambda:invoke";
/** What AWS recommends for a Lambda Task, plus its timeout. */
const LAMBDA_RETRY = { ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "States.Timeout"] };
const brief = (findings: Finding[]) => findings.map((f) => `${f.code} ${f.severity} ${f.path ?? "-"}${f.field ? ` ${f.field}` : ""}`);
/** A one-Task definition with an execution timeout and a Catch to a Fail state, so only what is asked for shows. */
const task = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: "T",
  TimeoutSeconds: 86_400,
  States: { T: { Type: "Task", Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "F" }], End: true, ...fields }, F: { Type: "Fail" }, ...extra },
});

describe("structural problems are findings, all of them in one run", () => {
  it("reports every problem with its location instead of stopping at the first", () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Retry: [LAMBDA_RETRY], Catch: [{ ErrorEquals: ["States.ALL"], Next: "Nowhere" }], Next: "B" },
        B: { Type: "Task", End: true, TimeoutSeconds: 5, TimeoutSecondsPath: "$.t" },
        C: { Type: "Pass", End: true },
        D: { Type: "Pass" },
        E: { Type: "Wrong", End: true },
      },
    };
    const errors = findDefinitionFindings(definition).filter((f) => f.severity === "error");
    expect(brief(errors)).toEqual([
      "static-and-path-both error B TimeoutSeconds",
      "task-resource-missing error B Resource",
      "transition-missing error D Next",
      "state-invalid error E Type",
      "transition-target-missing error A Catch[0].Next",
      "state-unreachable error C",
      "state-unreachable error D",
      // E is unreadable: "unreachable" on top would say the same thing twice.
    ]);
  });

  it("reads a Resource written as an intrinsic function as a placeholder, never as missing", () => {
    const findings = findDefinitionFindings(task({ Resource: { "Fn::GetAtt": ["GetAttResource", "Arn"] }, TimeoutSeconds: 30 }));
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("templates", () => {
  it("hears a callback behind CloudFormation's partition placeholder", () => {
    const codes = brief(findDefinitionFindings(task({ Resource: "arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 600 })));
    expect(codes).toContain("heartbeat-missing warning T HeartbeatSeconds");
  });

  it("reads placeholder numbers as set (known at deploy), not as errors", () => {
    const findings = findDefinitionFindings(task({ Resource: LAMBDA, Retry: [LAMBDA_RETRY], TimeoutSeconds: "${TaskTimeout}", HeartbeatSeconds: "${Beat}" }));
    expect(brief(findings)).toEqual([]);
  });
});

describe("the state machine's type", () => {
  const standardOnly = { StartAt: "Call", States: { Call: { Type: "Task", Resource: LAMBDA, Retry: [LAMBDA_RETRY], Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.e", Next: "F" }], End: true }, F: { Type: "Fail" } } };

  it("leaves Standard-only codes out of Express findings", () => {
    expect(brief(findDefinitionFindings(standardOnly))).toEqual(["execution-timeout-missing warning - TimeoutSeconds", "task-timeout-missing info Call TimeoutSeconds"]);
    expect(findDefinitionFindings(standardOnly, { stateMachineType: "EXPRESS" })).toEqual([]);
  });

  it("rejects integrations Express can't run", () => {
    const callback = task({ Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 60, HeartbeatSeconds: 10 });
    expect(brief(findDefinitionFindings(callback, { stateMachineType: "EXPRESS" }))).toContain("express-integration-unsupported error T Resource");
    expect(brief(findDefinitionFindings(callback))).not.toContain("express-integration-unsupported error T Resource");
  });

  it("says which types every code applies to", () => {
    for (const rule of Object.values(FINDING_RULES)) {
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      expect(rule.docs).toMatch(/^https:\/\//);
    }
  });
});

describe("calibrated on real-world definitions", () => {
  it("does not tell a human-approval callback to heartbeat or to retry its timeout", () => {
    const approval = task({ Resource: "arn:aws:states:::sns:publish.waitForTaskToken", TimeoutSeconds: 86_400 });
    expect(brief(findDefinitionFindings({ ...approval, States: { ...approval.States, T: { ...approval.States.T, Comment: "Wait for manager approval" } } }))).toEqual([]);
    // An hour or more is a person's pace, whatever the name.
    expect(brief(findDefinitionFindings(task({ Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 7200 })))).toEqual([]);
  });

  it("does not advise retrying the timeout of a request-response service call", () => {
    expect(brief(findDefinitionFindings(task({ Resource: "arn:aws:states:::events:putEvents", TimeoutSeconds: 10 })))).toEqual([]);
  });

  it("leaves deliberate wait-by-retry loops alone, and still flags retries past the execution's timeout", () => {
    const poll = (retry: Record<string, unknown>, timeout = 86_400) => ({ ...task({ Resource: LAMBDA, TimeoutSeconds: 10, Retry: [LAMBDA_RETRY, retry] }), TimeoutSeconds: timeout });
    expect(brief(findDefinitionFindings(poll({ ErrorEquals: ["ResourceNotReady"], IntervalSeconds: 5, MaxAttempts: 20, BackoffRate: 1.5 })))).toEqual([]);
    expect(brief(findDefinitionFindings(poll({ ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 60, MaxAttempts: 30, BackoffRate: 1 })))).toEqual([]);
    expect(brief(findDefinitionFindings(poll({ ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 5, MaxAttempts: 10 })))).toEqual(["retry-wait-excessive warning T Retry[1]"]);
    expect(brief(findDefinitionFindings(poll({ ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 60, MaxAttempts: 30, BackoffRate: 1 }, 600)))).toEqual([
      "retry-wait-excessive warning T Retry[1]",
    ]);
  });

  it("does not say a Task ends the execution inside a Distributed Map that tolerates every failure", () => {
    const map = (tolerated: number | undefined) => ({
      StartAt: "M",
      TimeoutSeconds: 3600,
      States: {
        M: {
          Type: "Map",
          MaxConcurrency: 10,
          ...(tolerated === undefined ? {} : { ToleratedFailurePercentage: tolerated }),
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "W", States: { W: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 5, Retry: [LAMBDA_RETRY], End: true } } },
          End: true,
        },
      },
    });
    expect(brief(findDefinitionFindings(map(100)))).toEqual([]);
    expect(brief(findDefinitionFindings(map(undefined)))).toEqual(["task-uncaught info M/W Catch"]);
  });

  it("flags a Catch without ResultPath by what its handler reads", () => {
    const definition = (handler: Record<string, unknown>) => ({
      StartAt: "T",
      TimeoutSeconds: 60,
      States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 5, Retry: [LAMBDA_RETRY], Catch: [{ ErrorEquals: ["States.ALL"], Next: "H" }], End: true }, H: handler },
    });
    const notify = { Type: "Task", Resource: "arn:aws:states:::sns:publish", TimeoutSeconds: 5, Parameters: { "Message.$": "$.Cause", "Subject.$": "$.orderId" }, End: true };
    const [lost] = findDefinitionFindings(definition(notify)).filter((f) => f.code === "catch-resultpath-missing");
    expect(lost).toMatchObject({ severity: "warning", field: "Catch[0].ResultPath", data: { fieldsLost: "orderId" } });
    const causeOnly = { ...notify, Parameters: { "Message.$": "$.Cause" } };
    expect(findDefinitionFindings(definition(causeOnly)).find((f) => f.code === "catch-resultpath-missing")?.severity).toBe("info");
    expect(findDefinitionFindings(definition({ Type: "Fail" })).find((f) => f.code === "catch-resultpath-missing")).toBeUndefined();
  });

  it("treats an omitted ResultPath and \"$\" alike, and speaks only when the next state reads what was replaced", () => {
    const flow = (resultPath: unknown, nextReads: string) => ({
      StartAt: "Get",
      TimeoutSeconds: 60,
      States: {
        Get: { Type: "Task", Resource: "arn:aws:states:::dynamodb:getItem", TimeoutSeconds: 5, Parameters: { "Key.$": "$.orderId" }, ...(resultPath === undefined ? {} : { ResultPath: resultPath }), Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.e", Next: "F" }], Next: "Use" },
        Use: { Type: "Pass", Parameters: { "x.$": nextReads }, End: true },
        F: { Type: "Fail" },
      },
    });
    const codes = (resultPath: unknown, reads: string) => brief(findDefinitionFindings(flow(resultPath, reads))).filter((c) => c.startsWith("resultpath"));
    // A service's response may carry a field of that name (a polling loop's Get…Job does): info, not warning.
    expect(codes(undefined, "$.orderId")).toEqual(["resultpath-overwrites-input info Get ResultPath"]);
    expect(codes("$", "$.orderId")).toEqual(["resultpath-overwrites-input info Get ResultPath"]);
    expect(codes(undefined, "$.Item")).toEqual([]);
    expect(codes("$.item", "$.orderId")).toEqual([]);
    // An unselected lambda:invoke result is the invoke response: the field is certainly gone.
    const invoke = flow(undefined, "$.orderId");
    invoke.States.Get = { ...invoke.States.Get, Resource: "arn:aws:states:::lambda:invoke", Retry: [LAMBDA_RETRY] } as typeof invoke.States.Get;
    expect(brief(findDefinitionFindings(invoke)).filter((c) => c.startsWith("resultpath"))).toEqual(["resultpath-overwrites-input warning Get ResultPath"]);
    invoke.States.Use = { Type: "Pass", Parameters: { "x.$": "$.Payload" }, End: true };
    expect(brief(findDefinitionFindings(invoke)).filter((c) => c.startsWith("resultpath"))).toEqual([]);
  });

  it("asks Lambda Tasks to retry the transient Lambda errors, and counts States.ALL, TaskFailed and MaxAttempts 0 right", () => {
    const lambda = (retry: unknown[]) => brief(findDefinitionFindings(task({ Resource: LAMBDA, TimeoutSeconds: 5, Retry: retry }))).filter((c) => c.startsWith("lambda"));
    expect(lambda([])).toEqual(["lambda-retry-missing warning T Retry"]);
    expect(lambda([{ ErrorEquals: ["States.ALL"] }])).toEqual([]);
    expect(lambda([{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 2 }])).toEqual([]);
    expect(lambda([{ ErrorEquals: ["Lambda.TooManyRequestsException"] }])).toEqual(["lambda-retry-missing info T Retry"]);
    // The first matching retrier decides: "never" for Lambda.ServiceException shadows the States.ALL after it.
    expect(lambda([{ ErrorEquals: ["Lambda.ServiceException"], MaxAttempts: 0 }, { ErrorEquals: ["States.ALL"] }])).toEqual(["lambda-retry-missing info T Retry"]);
    const direct = brief(findDefinitionFindings(task({ Resource: "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f", TimeoutSeconds: 5 })));
    expect(direct).toContain("lambda-retry-missing warning T Retry");
  });
});
