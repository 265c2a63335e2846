import { describe, expect, it } from "vitest";
import { locatePointer } from "./json-positions";
import { lintDefinition } from "./lint";

describe("lintDefinition (the CLI's and the dashboard's one lint)", () => {
  it("adds asl-validator's structural errors our reader does not already report, located to the state", () => {
    const duplicate = {
      StartAt: "A",
      TimeoutSeconds: 60,
      States: { A: { Type: "Pass", Next: "P" }, P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }], End: true } },
    };
    const schema = lintDefinition(duplicate).findings.filter((f) => f.code === "schema-invalid");
    expect(schema.map((f) => `${f.severity} ${f.data?.validatorCode}`)).toEqual(["error DUPLICATE_STATE_NAMES"]);
    // Missing targets are the reader's: reported once, not twice.
    const missing = lintDefinition({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nope" } } }).findings;
    expect(missing.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["transition-target-missing"]);
  });

  it("keeps schema complaints about placeholders and JSONata out, and the rest at info", () => {
    const placeholders = { StartAt: "T", TimeoutSeconds: 60, States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: "${Timeout}", Retry: [{ ErrorEquals: ["States.ALL"] }], Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.e", Next: "F" }], End: true }, F: { Type: "Fail" } } };
    expect(lintDefinition(placeholders).findings).toEqual([]);
    const wrong = { ...placeholders, States: { ...placeholders.States, T: { ...placeholders.States.T, TimeoutSeconds: "soon" } } };
    const schema = lintDefinition(wrong).findings.filter((f) => f.code === "schema-invalid");
    expect(schema.map((f) => `${f.severity} ${f.path} ${f.field}`)).toContain("info T TimeoutSeconds");
  });

  it("maps JSON pointers to state paths through branches and processors", () => {
    expect(locatePointer("/States/P/Branches/1/States/B/Retry/0")).toEqual({ path: "P/B", field: "Retry/0" });
    expect(locatePointer("/States/M/ItemProcessor/States/W")).toEqual({ path: "M/W", field: null });
    expect(locatePointer("/TimeoutSeconds")).toEqual({ path: null, field: "TimeoutSeconds" });
  });
});
