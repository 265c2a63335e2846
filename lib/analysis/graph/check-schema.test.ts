import { describe, expect, it } from "vitest";
import { checkDefinitionSchema } from "./check-schema";

describe("checkDefinitionSchema (asl-validator)", () => {
  it("reports structural errors AWS would reject", () => {
    const duplicate = {
      StartAt: "A",
      States: { A: { Type: "Pass", Next: "P" }, P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }], End: true } },
    };
    expect(checkDefinitionSchema(duplicate).errors.join("\n")).toMatch(/DUPLICATE_STATE_NAMES/);
  });

  it("keeps schema complaints as notes and leaves its input alone", () => {
    const definition = { StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: "soon", End: true } } };
    const before = JSON.stringify(definition);
    const check = checkDefinitionSchema(definition);
    expect(check.errors).toEqual([]);
    expect(check.notes.join("\n")).toMatch(/SCHEMA_VALIDATION_FAILED/);
    expect(JSON.stringify(definition)).toBe(before);
  });
});
