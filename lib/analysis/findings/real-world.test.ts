import { describe, expect, it } from "vitest";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { listRealWorldFiles, loadExpectedFindings, loadRealWorldDefinitions } from "@/test-support/real-world-definitions";
import { isDefinitionError } from "../graph/definition-error";
import type { Finding, WorkflowType } from "./finding";
import { lintDefinition } from "./lint";
import { FINDING_RULES } from "./rules";

const corpus = loadRealWorldDefinitions();
const brief = (findings: Finding[]) => findings.map((f) => `${f.code} ${f.severity} ${f.path ?? "-"}`);
/** Lints without asl-validator (half a second a call); its findings are checked on a sample below. */
const lint = (text: string, type: WorkflowType, schema = false) => lintDefinition(text, { stateMachineType: type, schema }).findings;

describe("real-world definitions (test-support/definitions/real-world, sources in SOURCES.tsv)", () => {
  it("records a source for every definition, and expected findings for at least 30 of them", () => {
    expect(corpus.map((d) => d.file).sort()).toEqual(listRealWorldFiles());
    for (const d of corpus) expect(`${d.repo} ${d.sourcePath} ${d.commit}`).toMatch(/^[\w-]+\/[\w.-]+ \S+\.json [0-9a-f]{40}$/);
    const expected = loadExpectedFindings();
    expect(Object.keys(expected).filter((f) => corpus.some((d) => d.file === f)).length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((d) => d.type === "EXPRESS").length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.entries(loadExpectedFindings()))("%s: exactly the findings written down for it", (file, expected) => {
    const definition = corpus.find((d) => d.file === file)!;
    expect(brief(lint(definition.text, definition.type))).toEqual(expected);
  });

  it("lints every collected and every recorded definition as both types without a crash, and no code outside its types", () => {
    const recorded = loadFixtures().filter((f) => f.definition !== null).map((f) => ({ file: f.file, text: f.definition! }));
    let linted = 0;
    for (const { file, text } of [...corpus, ...recorded]) {
      for (const type of ["STANDARD", "EXPRESS"] as const) {
        let findings: Finding[];
        try {
          findings = lint(text, type);
        } catch (error) {
          // Only "not a definition at all" may throw; a recorded fixture's definition AWS ran never is one.
          expect(isDefinitionError(error), `${file} as ${type}: ${String(error)}`).toBe(true);
          throw error;
        }
        for (const f of findings) expect(FINDING_RULES[f.code].appliesTo, `${file} as ${type}: ${f.code}`).toContain(type);
        linted += 1;
      }
    }
    expect(linted).toBe(2 * (corpus.length + recorded.length));
  });

  it("finds no structural error in definitions AWS ran (the recorded fixtures)", () => {
    const recorded = loadFixtures().filter((f) => f.definition !== null);
    const errors = recorded.flatMap((f) => lint(f.definition!, "STANDARD").filter((x) => x.severity === "error").map((x) => `${f.file}: ${x.code} ${x.path}`));
    // The only errors allowed are AWS's own checks findings repeat: none is expected in a definition that ran.
    expect(errors).toEqual([]);
  });

  it("reads template placeholders as placeholders: asl-validator raises nothing on a sample of them", () => {
    const withPlaceholders = corpus.filter((d) => d.text.includes("${")).slice(0, 6);
    expect(withPlaceholders.length).toBe(6);
    for (const d of withPlaceholders) expect(lint(d.text, d.type, true).filter((f) => f.code === "schema-invalid"), d.file).toEqual([]);
  });
});
