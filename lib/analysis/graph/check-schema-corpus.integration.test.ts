// asl-validator over one definition per fixture family: it compiles its schemas on every call, so this sweep
// runs in the integration project (the corpus sweeps through slow engines); check-schema.test.ts keeps the rest.
import { describe, expect, it } from "vitest";
import { checkDefinitionSchema } from "./check-schema";
import { loadFixtures } from "@/test-support/recorded-fixtures";

describe("checkDefinitionSchema (asl-validator) over the recorded corpus", () => {
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

});
