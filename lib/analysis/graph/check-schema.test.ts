import { describe, expect, it } from "vitest";
import { checkDefinitionSchema } from "./check-schema";

describe("checkDefinitionSchema (asl-validator)", () => {
  it("reports structural errors AWS would reject", () => {
    const duplicate = {
      StartAt: "A",
      States: { A: { Type: "Pass", Next: "P" }, P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }], End: true } },
    };
    expect(checkDefinitionSchema(duplicate).errors.map((e) => e.code)).toContain("DUPLICATE_STATE_NAMES");
  });

  it("keeps schema complaints as notes and leaves its input alone", () => {
    const definition = { StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: "soon", End: true } } };
    const before = JSON.stringify(definition);
    const check = checkDefinitionSchema(definition);
    expect(check.errors).toEqual([]);
    expect(check.notes.map((n) => n.code)).toContain("SCHEMA_VALIDATION_FAILED");
    expect(check.notes.some((n) => n.pointer === "/States/A/TimeoutSeconds")).toBe(true);
    expect(JSON.stringify(definition)).toBe(before);
  });
});

describe("checkDefinitionSchema on what crashes asl-validator", () => {
  it("answers instead of throwing when a state is not an object", () => {
    const check = checkDefinitionSchema({ StartAt: "A", States: { QueryLanguage: "JSONata", A: { Type: "Pass", End: true } } });
    expect(check.errors).toEqual([]);
    expect(check.notes.map((n) => n.code)).toEqual(["VALIDATOR_FAILED"]);
  });
});
