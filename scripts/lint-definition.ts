/**
 * npm run --silent lint-definition -- FILE|-
 *
 * Reads an ASL definition (raw JSON, `aws stepfunctions describe-state-machine` output, or a recorded
 * fixture) and prints its findings as JSON: [{code, severity, path, message, fix, data?}].
 * Exit 1 when a finding has severity "error", 2 with a one-line message on unreadable or invalid input,
 * 0 otherwise. asl-validator's schema complaints go to stderr as notes (it rejects some definitions AWS runs).
 * A fixture's `events`, when present, give the inline Maps' observed events per item.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { findModelFindings, type ObservedMap } from "@/lib/analysis/findings";
import { buildStateGraph, isDefinitionError, parseJsonText, unwrapDefinition } from "@/lib/analysis/graph";
import { checkDefinitionSchema } from "@/lib/analysis/graph/check-schema";
import { buildExecutionReport } from "@/lib/analysis/history/report";

const USAGE = "usage: lint-definition FILE|-";

/** What a run printed and how it ended, so tests can run the CLI in-process. */
export interface LintRun {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string[];
}

function observedMaps(input: unknown, definition: object, notes: string[]): ObservedMap[] {
  if (typeof input !== "object" || input === null || !Array.isArray((input as { events?: unknown }).events)) return [];
  try {
    // `now` only matters for running executions; a fixed one keeps the output reproducible.
    const report = buildExecutionReport((input as { events: unknown[] }).events, { definition, now: 0 });
    return report.history.maps;
  } catch (error) {
    notes.push(`note: the events could not be analysed (${error instanceof Error ? error.message : String(error)}); Map figures are estimates.`);
    return [];
  }
}

/** Lints the text of FILE (already read) and returns what to print. */
export function lintDefinitionText(text: string, name: string): LintRun {
  const stderr: string[] = [];
  try {
    const input = parseJsonText(text, name);
    const root = unwrapDefinition(input);
    const model = buildStateGraph(root);
    const schema = checkDefinitionSchema(root);
    if (schema.errors.length > 0) {
      return { exitCode: 2, stdout: "", stderr: [`${name} is not a valid definition: ${schema.errors[0]}`] };
    }
    for (const note of schema.notes) stderr.push(`note: asl-validator (advisory): ${note}`);
    const findings = findModelFindings(model, { observed: observedMaps(input, root, stderr) });
    return { exitCode: findings.some((f) => f.severity === "error") ? 1 : 0, stdout: JSON.stringify(findings, null, 2), stderr };
  } catch (error) {
    if (!isDefinitionError(error)) throw error;
    return { exitCode: 2, stdout: "", stderr: [error.code === "not-json" ? error.message : `${name}: ${error.message}`] };
  }
}

/** The CLI: argv without node and script. */
export function runLintDefinition(argv: string[], read: (file: string) => string = (f) => readFileSync(f === "-" ? 0 : f, "utf8")): LintRun {
  const files = argv.filter((a) => a !== "--");
  if (files.length !== 1 || (files[0]!.startsWith("-") && files[0] !== "-")) return { exitCode: 2, stdout: "", stderr: [USAGE] };
  const file = files[0]!;
  const name = file === "-" ? "stdin" : file;
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    return { exitCode: 2, stdout: "", stderr: [`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`] };
  }
  return lintDefinitionText(text, name);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const run = runLintDefinition(process.argv.slice(2));
  if (run.stdout) process.stdout.write(`${run.stdout}\n`);
  for (const line of run.stderr) process.stderr.write(`${line}\n`);
  process.exitCode = run.exitCode;
}
