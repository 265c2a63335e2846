import { describe, expect, it } from "vitest";
import { DefinitionError } from "../graph/definition-error";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";
import { FINDING_CODES, type Finding } from "./finding";
import { findDefinitionFindings } from "./find-findings";

const LAMBDA = "arn:aws:states:::lambda:invoke";
const brief = (findings: Finding[]) => findings.map((f) => `${f.code} ${f.severity} ${f.path ?? "-"}`);

/** One of everything that can go wrong, top level and nested in a Parallel branch and in Map processors. */
const RISKY = {
  StartAt: "Callback",
  States: {
    Callback: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Next: "Sync" },
    Sync: {
      Type: "Task",
      Resource: "arn:aws:states:::ecs:runTask.sync",
      TimeoutSeconds: 600,
      HeartbeatSeconds: 600,
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
      Next: "Overwrite",
    },
    Overwrite: {
      Type: "Task",
      Resource: LAMBDA,
      TimeoutSeconds: 10,
      ResultPath: "$",
      Parameters: { "items.$": "$.items" },
      Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 10, MaxAttempts: 10 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
      Next: "Items",
    },
    Items: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: { StartAt: "Work", States: { Work: { Type: "Task", Resource: LAMBDA, End: true } } },
      Next: "Checks",
    },
    Checks: {
      Type: "Parallel",
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
      Branches: [
        {
          StartAt: "Activity",
          States: { Activity: { Type: "Task", Resource: "arn:aws:states:us-east-1:111111111111:activity:review", TimeoutSeconds: 300, End: true } },
        },
      ],
      Next: "Files",
    },
    Files: {
      Type: "Map",
      MaxConcurrency: 0,
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
        StartAt: "Copy",
        States: { Copy: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 60, Retry: [{ ErrorEquals: ["States.ALL"] }], End: true } },
      },
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

describe("findDefinitionFindings", () => {
  it("finds each risk exactly once, in definition order, nested states included", () => {
    expect(brief(findDefinitionFindings(JSON.stringify(RISKY)))).toEqual([
      "execution-timeout-missing warning -",
      "task-timeout-missing warning Callback",
      "heartbeat-missing warning Callback",
      "task-uncaught info Callback",
      "heartbeat-not-below-timeout error Sync",
      "timeout-not-retried info Sync",
      "lambda-retry-missing warning Overwrite",
      "retry-wait-excessive warning Overwrite",
      "resultpath-overwrites-input warning Overwrite",
      "inline-map-history-risk info Items",
      "map-concurrency-unbounded info Items",
      "task-timeout-missing info Items/Work",
      "lambda-retry-missing warning Items/Work",
      "task-uncaught info Items/Work",
      "heartbeat-missing warning Checks/Activity",
      "timeout-not-retried info Checks/Activity",
      "map-concurrency-unbounded warning Files",
      "task-uncaught info Files/Copy",
    ]);
  });

  it("explains each finding with figures and a fix", () => {
    const findings = findDefinitionFindings(RISKY);
    const byCode = (code: string, path: string) => findings.find((f) => f.code === code && f.path === path)!;
    expect(byCode("heartbeat-not-below-timeout", "Sync").message).toMatch(/HeartbeatSeconds 600 ≥ TimeoutSeconds 600/);
    // 10 s × 2^n for 10 attempts is 10,230 s: far past 15 minutes.
    expect(byCode("retry-wait-excessive", "Overwrite").data).toMatchObject({ worstCaseWaitSeconds: 10_230, limitSeconds: 900 });
    expect(byCode("resultpath-overwrites-input", "Overwrite").message).toMatch(/next state "Items" reads \$\.items from the input/);
    expect(byCode("retry-wait-excessive", "Overwrite").message).toMatch(/over 15 minutes/);
    expect(byCode("timeout-not-retried", "Checks/Activity").message).toMatch(/fails "Checks", whose Catch takes it/);
    // Items: MapIteration Started/Succeeded + a Task's 5 events = 7 per item.
    expect(byCode("task-uncaught", "Files/Copy").message).toMatch(/fails its child execution, and the Map Run "Files"/);
    expect(byCode("inline-map-history-risk", "Items").data).toEqual({ eventsPerItem: 7, itemsToLimit: 3571, source: "estimated", observedItems: null });
    expect(byCode("inline-map-history-risk", "Items").message).toMatch(/estimated from the processor's shape/);
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.fix.length).toBeGreaterThan(10);
      expect(FINDING_CODES).toContain(f.code);
    }
  });

  it("judges a retry against the enclosing timeout: the state machine's, or an Express child's 5 minutes", () => {
    const definition = {
      StartAt: "Call",
      TimeoutSeconds: 600,
      States: {
        Call: {
          Type: "Task",
          Resource: LAMBDA,
          TimeoutSecondsPath: "$.timeout",
          HeartbeatSecondsPath: "$.heartbeat",
          Retry: [{ ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 100, MaxAttempts: 3 }],
          Catch: [{ ErrorEquals: ["States.TaskFailed"], Next: "Done" }],
          Next: "Files",
        },
        Files: {
          Type: "Map",
          MaxConcurrencyPath: "$.concurrency",
          ItemProcessor: {
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
            StartAt: "Copy",
            States: {
              Copy: {
                Type: "Task",
                Resource: LAMBDA,
                TimeoutSeconds: 20,
                Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 10, MaxAttempts: 5 }],
                Catch: [{ ErrorEquals: ["States.ALL"], Next: "Skip" }],
                End: true,
              },
              Skip: { Type: "Pass", End: true },
            },
          },
          End: true,
        },
        Done: { Type: "Succeed" },
      },
    };
    const findings = findDefinitionFindings(definition);
    expect(brief(findings)).toEqual([
      "timeout-not-retried warning Call",
      "retry-wait-excessive warning Call",
      "retry-wait-excessive warning Files/Copy",
      // Skip (a Pass) reads nothing from the input it lost, so this is worth knowing, not a warning.
      "catch-resultpath-missing info Files/Copy",
    ]);
    expect(findings[1]!.message).toMatch(/longer than the state machine's timeout \(10 min\)/);
    expect(findings[1]!.data).toMatchObject({ worstCaseWaitSeconds: 700, limitSeconds: 600 });
    expect(findings[2]!.message).toMatch(/Express child execution's timeout \(5 min\)/);
    expect(findings[2]!.data).toMatchObject({ worstCaseWaitSeconds: 310, limitSeconds: 300 });
  });

  it("judges an Express state machine against its 5-minute limit", () => {
    const definition = {
      StartAt: "Call",
      States: { Call: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 20, Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 60, MaxAttempts: 3 }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "F" }], End: true }, F: { Type: "Fail" } },
    };
    expect(brief(findDefinitionFindings(definition))).toEqual(["execution-timeout-missing warning -"]);
    const express = findDefinitionFindings(definition, { stateMachineType: "EXPRESS" });
    expect(brief(express)).toEqual(["retry-wait-excessive warning Call"]);
    expect(express[0]!.message).toMatch(/Express execution's timeout \(5 min\)/);
  });

  it("uses observed events per item when given, and warns when the observed run was half way to the limit", () => {
    const definition = {
      StartAt: "Outer",
      TimeoutSeconds: 60,
      States: {
        Outer: {
          Type: "Map",
          MaxConcurrency: 2,
          ItemProcessor: {
            StartAt: "Inner",
            States: {
              Inner: { Type: "Map", MaxConcurrency: 4, ItemProcessor: { StartAt: "Step", States: { Step: { Type: "Pass", End: true } } }, End: true },
            },
          },
          End: true,
        },
      },
    };
    const findings = findDefinitionFindings(definition, { observed: [{ path: "Outer", eventsPerItem: 10, items: 2000 }] });
    expect(brief(findings)).toEqual(["inline-map-history-risk warning Outer", "inline-map-history-risk info Outer/Inner"]);
    expect(findings[0]!.data).toEqual({ eventsPerItem: 10, itemsToLimit: 2500, source: "observed", observedItems: 2000 });
    expect(findings[1]!.data).toMatchObject({ eventsPerItem: 4, itemsToLimit: 6250, source: "estimated" });
    expect(findings[1]!.message).toMatch(/runs inside Map "Outer": multiply/);
  });

  it("weighs missing timeouts and heartbeats by how long the integration can wait", () => {
    const task = (Resource: string) => ({ StartAt: "T", TimeoutSeconds: 60, States: { T: { Type: "Task", Resource, Catch: [{ ErrorEquals: ["States.ALL"], Next: "F" }], End: true }, F: { Type: "Fail" } } });
    const codes = (resource: string) => brief(findDefinitionFindings(task(resource)));
    // The execution's 60 s bound the wait, so a missing task timeout is worth knowing, not a warning.
    expect(codes("arn:aws:states:::glue:startJobRun.sync")).toEqual(["task-timeout-missing info T", "heartbeat-missing info T"]);
    expect(codes("arn:aws:states:us-east-1:111111111111:activity:a")).toEqual(["task-timeout-missing info T", "heartbeat-missing warning T"]);
    expect(codes("arn:aws:states:::aws-sdk:s3:getObject")).toEqual(["task-timeout-missing info T"]);
    expect(findDefinitionFindings(task(LAMBDA))[0]!.message).toMatch(/function's own timeout/);
  });

  it("finds nothing in a careful definition", () => {
    const careful = {
      StartAt: "Call",
      TimeoutSeconds: 900,
      States: {
        Call: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          TimeoutSeconds: 300,
          HeartbeatSeconds: 60,
          ResultPath: "$.result",
          Retry: [
            { ErrorEquals: ["States.Timeout"], MaxAttempts: 2 },
            { ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"] },
          ],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
          End: true,
        },
        Failed: { Type: "Fail" },
      },
    };
    expect(findDefinitionFindings(careful)).toEqual([]);
  });

  it("throws a DefinitionError only for what is not a definition at all", () => {
    expect(() => findDefinitionFindings("{nope")).toThrow(DefinitionError);
    expect(() => findDefinitionFindings({ StartAt: "A" })).toThrow(DefinitionError);
  });

  it("reads every recorded fixture's definition without error", () => {
    const fixtures = loadFixtures().filter((f) => f.definition !== null);
    const codes = new Set<string>();
    for (const f of fixtures) for (const finding of findDefinitionFindings(f.definition!)) codes.add(finding.code);
    expect(codes.has("execution-timeout-missing")).toBe(true);
    expect(codes.has("inline-map-history-risk")).toBe(true);
  });

  it("runs over a 300-state definition", () => {
    const findings = findDefinitionFindings(makeSyntheticDefinition(300));
    expect(findings.filter((f) => f.code === "inline-map-history-risk")).toHaveLength(21);
  });
});
