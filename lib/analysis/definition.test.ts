import { describe, expect, it } from "vitest";
import { parseDefinition } from "./definition";
import { HistoryError } from "./errors";
import { buildStateGraph, statesByPath } from "./graph/build-state-graph";

const asl = {
  StartAt: "Fan",
  TimeoutSeconds: 3600,
  States: {
    Fan: {
      Type: "Parallel",
      Branches: [
        { StartAt: "Check", States: { Check: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 30, HeartbeatSeconds: 10, End: true } } },
        { StartAt: "Boom", States: { Boom: { Type: "Fail", Error: "Bad.Thing", Cause: "because" } } },
      ],
      Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ["Bad.Thing"], Next: "Items" }],
      Next: "Items",
    },
    Items: {
      Type: "Map",
      Iterator: { StartAt: "Check", States: { Check: { Type: "Task", Resource: "x", TimeoutSecondsPath: "$.t", End: true } } },
      Next: "Far",
    },
    Far: {
      Type: "Map",
      ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED" }, StartAt: "Child", States: { Child: { Type: "Pass", End: true } } },
      End: true,
    },
  },
};

describe("parseDefinition", () => {
  it("keys states by path through Parallel branches, legacy Iterator and ItemProcessor", () => {
    const definition = parseDefinition(JSON.stringify(asl));
    expect([...definition.states.keys()]).toEqual(["Fan", "Fan/Check", "Fan/Boom", "Items", "Items/Check", "Far", "Far/Child"]);
    expect(definition.pathsByName.get("Check")).toEqual(["Fan/Check", "Items/Check"]);
    expect(definition.timeoutSeconds).toBe(3600);
    expect(definition.bytes).toBe(Buffer.byteLength(JSON.stringify(asl)));
  });

  it("keeps what the analyser needs: rules, Fail error, timeouts, Distributed Map", () => {
    const definition = parseDefinition(asl);
    expect(definition.states.get("Fan")).toMatchObject({
      type: "Parallel",
      branches: 2,
      retry: [{ errorEquals: ["States.ALL"], maxAttempts: 2 }],
      catch: [{ errorEquals: ["Bad.Thing"], next: "Items" }],
    });
    expect(definition.states.get("Fan/Boom")).toMatchObject({ error: "Bad.Thing", cause: "because", parentPath: "Fan" });
    expect(definition.states.get("Fan/Check")).toMatchObject({ timeoutSeconds: 30, heartbeatSeconds: 10, dynamicTimeout: false });
    expect(definition.states.get("Items/Check")).toMatchObject({ timeoutSeconds: null, dynamicTimeout: true });
    expect(definition.states.get("Far")).toMatchObject({ distributed: true, inChildExecution: false });
    expect(definition.states.get("Far/Child")).toMatchObject({ inChildExecution: true });
  });

  it("treats JSONata Fail errors as unknown rather than as literal text", () => {
    const definition = parseDefinition({ StartAt: "F", States: { F: { Type: "Fail", Error: "{% $states.input.e %}" } } });
    expect(definition.states.get("F")!.error).toBeNull();
  });

  it("rejects what is not ASL with a typed error", () => {
    for (const bad of ["{", "[]", JSON.stringify({ StartAt: "A" }), "42"]) {
      expect(() => parseDefinition(bad)).toThrow(HistoryError);
      try {
        parseDefinition(bad);
      } catch (error) {
        expect((error as HistoryError).code).toBe("bad-definition");
      }
    }
  });
});

describe("parseDefinition and the graph read the same definition the same way", () => {
  it("agrees with buildStateGraph on JSONata, placeholders and state paths", () => {
    const asl = {
      QueryLanguage: "JSONata",
      StartAt: "Call",
      States: {
        Call: { Type: "Task", Resource: "arn:${AWS::Partition}:states:::lambda:invoke", TimeoutSeconds: " {% $states.input.t %} ", HeartbeatSeconds: "${Heartbeat}", Next: "F" },
        F: { Type: "Fail", Error: "{% $states.input.e %}", Cause: "${CauseText}" },
      },
    };
    const definition = parseDefinition(asl);
    const graph = statesByPath(buildStateGraph(asl));
    for (const [path, state] of definition.states) {
      const drawn = graph.get(path)!;
      expect(state.type).toBe(drawn.type);
      expect(state.dynamicTimeout).toBe(drawn.timeout?.dynamic ?? false);
      expect(state.dynamicHeartbeat).toBe(drawn.heartbeat?.dynamic ?? false);
    }
    expect(definition.states.get("Call")).toMatchObject({ dynamicTimeout: true, dynamicHeartbeat: true, timeoutSeconds: null });
    expect(definition.states.get("F")).toMatchObject({ error: null, cause: null });
  });

  it("does not stop at structural problems (the history shows what ran) and reads DescribeStateMachine output", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Task", Resource: "x", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Gone" }], End: true } } };
    const definition = parseDefinition({ stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:x", definition: JSON.stringify(broken) });
    expect(definition.states.get("A")!.catch).toEqual([{ errorEquals: ["States.ALL"], next: "Gone" }]);
  });
});
