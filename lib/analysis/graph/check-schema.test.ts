import { describe, expect, it } from "vitest";
import { checkDefinitionSchema } from "./check-schema";
import { loadFixtures } from "@/test-support/recorded-fixtures";

describe("checkDefinitionSchema (asl-validator)", () => {
  // asl-validator compiles its schemas on every call (a few hundred ms): one fixture per test family.
  it("finds no structural error in definitions AWS ran (one per fixture family)", () => {
    const all = loadFixtures().filter((f) => f.definition !== null);
    const families = new Map<string, (typeof all)[number]>();
    for (const f of all) if (!families.has(f.file.split(".")[0]!)) families.set(f.file.split(".")[0]!, f);
    const fixtures = [...families.values()];
    expect(fixtures.length).toBeGreaterThan(10);
    const withErrors = fixtures.filter((f) => checkDefinitionSchema(JSON.parse(f.definition!)).errors.length > 0).map((f) => f.file);
    expect(withErrors).toEqual([]);
  });

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
