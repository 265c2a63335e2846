import { describe, expect, it } from "vitest";
import { buildStateGraph, statesByPath } from "./build-state-graph";
import { DefinitionError } from "./definition-error";
import { loadFixtures, rawStatePaths } from "@/test-support/recorded-fixtures";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";

const LAMBDA = "arn:aws:states:::lambda:invoke";

/** Every state type, a Choice with two rules and a Default, a Catch, Parallel branches, inline and Distributed Maps. */
const ALL_TYPES = {
  Comment: "every type",
  StartAt: "Validate",
  TimeoutSeconds: 600,
  States: {
    Validate: {
      Type: "Task",
      Resource: LAMBDA,
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ["States.TaskFailed", "States.Timeout"], Next: "Failed" }],
      Next: "Route",
    },
    Route: {
      Type: "Choice",
      Choices: [
        { Variable: "$.kind", StringEquals: "batch", Next: "Items" },
        { And: [{ Variable: "$.n", NumericGreaterThan: 10 }, { Not: { Variable: "$.x", IsPresent: true } }], Next: "Checks" },
      ],
      Default: "Pause",
    },
    Items: {
      Type: "Map",
      ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
      Next: "Pause",
    },
    Checks: {
      Type: "Parallel",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
        { StartAt: "B", States: { B: { Type: "Wait", Seconds: 1, Next: "C" }, C: { Type: "Succeed" } } },
      ],
      Next: "Pause",
    },
    Pause: { Type: "Wait", Seconds: 5, Next: "Files" },
    Files: {
      Type: "Map",
      ItemReader: { Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: {} },
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
        StartAt: "Copy",
        States: { Copy: { Type: "Task", Resource: LAMBDA, End: true } },
      },
      MaxConcurrency: 10,
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail", Error: "Validation.Failed" },
  },
};

describe("buildStateGraph over the recorded AWS fixtures", () => {
  const fixtures = loadFixtures().filter((f) => f.definition !== null);

  it("has fixtures with definitions to read", () => {
    expect(fixtures.length).toBeGreaterThan(400);
  });

  it.each(fixtures.map((f) => [f.file, f.definition!] as const))("%s: its states are exactly the definition's", (_file, definition) => {
    const model = buildStateGraph(definition);
    expect(model.states.map((s) => s.path).sort()).toEqual(rawStatePaths(JSON.parse(definition)).sort());
    const parentOf = new Map(model.states.map((s) => [s.id, s.parentId]));
    for (const edge of model.edges) expect(parentOf.get(edge.target)).toBe(parentOf.get(edge.source));
    expect(new Set(model.states.map((s) => s.id)).size).toBe(model.states.length);
  });
});

describe("buildStateGraph", () => {
  const model = buildStateGraph(JSON.stringify(ALL_TYPES));
  const byPath = statesByPath(model);

  it("reads every state type, nested ones under their owner's path", () => {
    expect(model.states.map((s) => `${s.path}:${s.type}`)).toEqual([
      "Validate:Task",
      "Route:Choice",
      "Items:Map",
      "Items/Work:Pass",
      "Checks:Parallel",
      "Checks/A:Pass",
      "Checks/B:Wait",
      "Checks/C:Succeed",
      "Pause:Wait",
      "Files:Map",
      "Files/Copy:Task",
      "Done:Succeed",
      "Failed:Fail",
    ]);
    expect(model.timeoutSeconds).toBe(600);
    expect(model.startId).toBe(byPath.get("Validate")!.id);
    expect(byPath.get("Items/Work")!.isStart).toBe(true);
  });

  it("labels each Choice rule and the Default, in rule order", () => {
    const route = byPath.get("Route")!;
    const choice = model.edges.filter((e) => e.source === route.id);
    expect(choice.map((e) => [e.kind, e.label])).toEqual([
      ["choice", '#1 $.kind == "batch"'],
      ["choice", "#2 $.n > 10 && !($.x is present)"],
      ["default", "Default"],
    ]);
  });

  it("draws a Catch as its own edge labelled with its ErrorEquals, and keeps the Retry policy on the state", () => {
    const validate = byPath.get("Validate")!;
    const catchEdge = model.edges.find((e) => e.kind === "catch");
    expect(catchEdge).toMatchObject({ source: validate.id, target: byPath.get("Failed")!.id, label: "catch: States.TaskFailed, States.Timeout" });
    expect(validate.retry).toEqual([
      { index: 0, errorEquals: ["States.Timeout"], intervalSeconds: 2, maxAttempts: 3, backoffRate: 2, maxDelaySeconds: null, jitter: "NONE", worstCaseWaitSeconds: 14 },
    ]);
    expect(validate.timeout).toEqual({ seconds: 30, dynamic: false });
  });

  it("nests Parallel branches in branch groups and Map processors in the Map, marking Distributed Maps", () => {
    const checks = byPath.get("Checks")!;
    const branches = model.containers.filter((c) => c.parentId === checks.id);
    expect(branches.map((b) => b.label)).toEqual(["Branch 1", "Branch 2"]);
    expect(byPath.get("Checks/A")!.parentId).toBe(branches[0]!.id);
    expect(byPath.get("Checks/C")!.parentId).toBe(branches[1]!.id);
    expect(byPath.get("Items/Work")!.parentId).toBe(byPath.get("Items")!.id);
    expect(byPath.get("Items")!.map).toMatchObject({ mode: "INLINE", executionType: null });
    expect(byPath.get("Files")!.map).toMatchObject({ mode: "DISTRIBUTED", executionType: "EXPRESS", maxConcurrency: 10, readsItemsFromS3: true });
    expect(byPath.get("Files/Copy")!.inChildExecution).toBe(true);
    expect(byPath.get("Items/Work")!.inChildExecution).toBe(false);
  });

  it("reads JSONata definitions: Conditions as labels, expressions as run-time timeouts", () => {
    const jsonata = buildStateGraph({
      QueryLanguage: "JSONata",
      StartAt: "Call",
      States: {
        Call: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: "{% $states.input.timeout %}", Arguments: {}, Next: "Check" },
        Check: { Type: "Choice", Choices: [{ Condition: "{% $states.input.ok = true %}", Next: "Done" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    });
    expect(jsonata.queryLanguage).toBe("JSONata");
    expect(jsonata.states[0]).toMatchObject({ queryLanguage: "JSONata", timeout: { seconds: null, dynamic: true } });
    expect(jsonata.edges.find((e) => e.kind === "choice")!.label).toBe("#1 $states.input.ok = true");
  });

  it("reads the legacy Iterator and a DescribeStateMachine response", () => {
    const legacy = { StartAt: "M", States: { M: { Type: "Map", Iterator: { StartAt: "I", States: { I: { Type: "Pass", End: true } } }, End: true } } };
    const described = buildStateGraph({ stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:x", definition: JSON.stringify(legacy) });
    expect(described.states.map((s) => s.path)).toEqual(["M", "M/I"]);
    expect(described.states[0]!.map!.processorField).toBe("Iterator");
  });

  it("shortens long Choice labels and keeps the full text as the title", () => {
    const long = "x".repeat(60);
    const m = buildStateGraph({ StartAt: "C", States: { C: { Type: "Choice", Choices: [{ Variable: "$.v", StringEquals: long, Next: "D" }] }, D: { Type: "Succeed" } } });
    const edge = m.edges[0]!;
    expect(edge.label!.length).toBe(40);
    expect(edge.label!.endsWith("…")).toBe(true);
    expect(edge.title).toBe(`#1 $.v == "${long}"`);
  });

  it("builds a 300-state definition with every type", () => {
    const big = buildStateGraph(makeSyntheticDefinition(300));
    expect(big.states).toHaveLength(300);
    expect(new Set(big.states.map((s) => s.type))).toEqual(new Set(["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]));
  });
});

describe("buildStateGraph on what is not a definition", () => {
  const cases: [string, string | object, DefinitionError["code"], RegExp][] = [
    ["invalid JSON", '{"StartAt": "A",\n "States": {', "not-json", /not valid JSON/],
    ["empty text", "  ", "not-json", /empty/],
    ["an array", "[1]", "not-asl", /an array, not an Amazon States Language object/],
    ["no States", { StartAt: "A" }, "not-asl", /no `States` object/],
    ["no StartAt", { States: { A: { Type: "Succeed" } } }, "missing-target", /StartAt is missing/],
    ["StartAt elsewhere", { StartAt: "B", States: { A: { Type: "Succeed" } } }, "missing-target", /StartAt "B" is not one of its States/],
    ["an unknown Type", { StartAt: "A", States: { A: { Type: "Tusk", End: true } } }, "bad-state", /State "A" has Type "Tusk"/],
    ["a Task without Resource", { StartAt: "A", States: { A: { Type: "Task", End: true } } }, "bad-state", /Task with no Resource/],
    ["a Next to nowhere", { StartAt: "A", States: { A: { Type: "Pass", Next: "Nope" } } }, "missing-target", /Next "Nope" is not a state in its scope/],
    ["no Next nor End", { StartAt: "A", States: { A: { Type: "Pass" } } }, "no-transition", /neither Next nor "End": true/],
    ["both timeout forms", { StartAt: "A", States: { A: { Type: "Task", Resource: "x", TimeoutSeconds: 1, TimeoutSecondsPath: "$.t", End: true } } }, "bad-state", /both TimeoutSeconds and TimeoutSecondsPath/],
    ["a Map with no processor", { StartAt: "M", States: { M: { Type: "Map", End: true } } }, "bad-state", /Map with no ItemProcessor/],
    [
      "a branch leaving its Parallel",
      { StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", Next: "Out" } } }], Next: "Out" }, Out: { Type: "Succeed" } } },
      "missing-target",
      /State "P\/A": Next "Out" is not a state in its scope/,
    ],
  ];

  it.each(cases)("rejects %s with a DefinitionError naming the problem", (_name, input, code, message) => {
    let thrown: unknown;
    try {
      buildStateGraph(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DefinitionError);
    expect((thrown as DefinitionError).code).toBe(code);
    expect((thrown as DefinitionError).message).toMatch(message);
  });

  it("says where invalid JSON broke", () => {
    expect(() => buildStateGraph('{\n  "StartAt": "A",\n  "States": {,}\n}')).toThrow(/line 3, column 14/);
  });
});
