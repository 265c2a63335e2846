/**
 * npm run --silent lint-definition -- [--format json|sarif|text] [--type STANDARD|EXPRESS] [--no-schema] FILE|DIR|- …
 *
 * Lints ASL definitions (raw JSON, `aws stepfunctions describe-state-machine` output, or a recorded fixture)
 * with the same function the dashboard uses (lintDefinition) and prints the findings:
 * - json (default): one FILE → [{code, severity, path, field, message, fix, data?}] as before; several → per file
 *   [{file, stateMachineType, typeSource, queryLanguage, findings, error}].
 * - sarif: SARIF 2.1.0 for GitHub code scanning. text: a summary grouped by state.
 * The workflow type comes from --type, else from describe-state-machine's `type`, else STANDARD (AWS's default).
 * A directory is walked for *.json; there, JSON that is not a definition is skipped (named on stderr).
 * Exit 2 when a named input is unreadable or not a definition at all (not JSON, no States), else 1 when any
 * finding is an error, else 0. A fixture's `events`, when present, give the inline Maps' observed events per item.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ObservedMap, WorkflowType } from "@/lib/analysis/findings";
import { findKeyPositions } from "@/lib/analysis/findings/json-positions";
import { lintDefinition } from "@/lib/analysis/findings/lint";
import { toSarif, toTextSummary, type LintedFile } from "@/lib/analysis/findings/report-formats";
import { isDefinitionError, parseJsonText, unwrapDefinition } from "@/lib/analysis/graph";
import { buildExecutionReport } from "@/lib/analysis/history/report";

const USAGE = "usage: lint-definition [--format json|sarif|text] [--type STANDARD|EXPRESS] [--no-schema] FILE|DIR|- …";
const VERSION = "1.0.0";

/** What a run printed and how it ended, so tests can run the CLI in-process. */
export interface LintRun {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string[];
}

/** The file system the CLI reads; tests pass a fake. */
export interface LintIo {
  read(file: string): string;
  /** Files under a directory (recursive), or null when `file` is not a directory. */
  list(file: string): string[] | null;
}

const realIo: LintIo = {
  read: (f) => readFileSync(f === "-" ? 0 : f, "utf8"),
  list: (f) => {
    if (f === "-" || !statSync(f, { throwIfNoEntry: false })?.isDirectory()) return null;
    return (readdirSync(f, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
      .filter((d) => d.isFile() && !d.parentPath.includes("node_modules"))
      .map((d) => path.join(d.parentPath, d.name))
      .sort();
  },
};

interface Options {
  format: "json" | "sarif" | "text";
  type: WorkflowType | null;
  schema: boolean;
  inputs: string[];
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { format: "json", type: null, schema: true, inputs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = (name: string) => (arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (argv[++i] ?? `(missing ${name})`));
    if (arg === "--") continue;
    if (arg === "--format" || arg.startsWith("--format=")) {
      const format = value("format");
      if (format !== "json" && format !== "sarif" && format !== "text") return `unknown --format ${format} (json, sarif or text)`;
      options.format = format;
    } else if (arg === "--type" || arg.startsWith("--type=")) {
      const type = value("type").toUpperCase();
      if (type !== "STANDARD" && type !== "EXPRESS") return `unknown --type ${type} (STANDARD or EXPRESS)`;
      options.type = type;
    } else if (arg === "--no-schema") options.schema = false;
    else if (arg.startsWith("-") && arg !== "-") return `unknown option ${arg}`;
    else options.inputs.push(arg);
  }
  return options.inputs.length > 0 ? options : "no FILE given";
}

function observedMaps(input: unknown, definition: object, notes: string[]): ObservedMap[] {
  if (typeof input !== "object" || input === null || !Array.isArray((input as { events?: unknown }).events)) return [];
  try {
    // `now` only matters for running executions; a fixed one keeps the output reproducible.
    return buildExecutionReport((input as { events: unknown[] }).events, { definition, now: 0 }).history.maps;
  } catch (error) {
    notes.push(`note: the events could not be analysed (${error instanceof Error ? error.message : String(error)}); Map figures are estimates.`);
    return [];
  }
}

const describedType = (input: unknown): WorkflowType | null => {
  const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  return type === "STANDARD" || type === "EXPRESS" ? type : null;
};

/** Lints one file's text (already read). */
export function lintFileText(text: string, file: string, options: Pick<Options, "type" | "schema">, notes: string[] = []): LintedFile {
  const base = { file, stateMachineType: options.type ?? "STANDARD", typeSource: options.type ? "--type" : "default", queryLanguage: null, positions: null, pointerPrefix: "" } as const;
  try {
    const input = parseJsonText(text, file);
    const root = unwrapDefinition(input);
    const fromDescribe = describedType(input);
    const stateMachineType = options.type ?? fromDescribe ?? "STANDARD";
    // describe-state-machine output and recorded fixtures hold deployed definitions: linted as the dashboard lints them.
    const deployed = input !== root;
    const result = lintDefinition(root, { stateMachineType, schema: options.schema, deployed, observed: observedMaps(input, root, notes) });
    // Lines are known when the definition is an object in the file (not a JSON string inside describe output).
    const pointerPrefix = input === root ? "" : "/definition";
    const positions = input === root || typeof (input as { definition?: unknown }).definition === "object" ? findKeyPositions(text) : null;
    return {
      ...base,
      findings: result.findings,
      error: null,
      stateMachineType,
      typeSource: options.type ? "--type" : fromDescribe ? "describe-state-machine" : "default",
      queryLanguage: result.queryLanguage,
      positions,
      pointerPrefix,
    };
  } catch (error) {
    if (!isDefinitionError(error)) throw error;
    return { ...base, findings: null, error: error.code === "not-json" ? error.message : `${file}: ${error.message}` };
  }
}

function render(files: LintedFile[], format: Options["format"], single: boolean): string {
  if (format === "sarif") return JSON.stringify(toSarif(files, VERSION), null, 2);
  if (format === "text") return toTextSummary(files);
  if (single) return JSON.stringify(files[0]!.findings, null, 2);
  const perFile = files.map(({ file, stateMachineType, typeSource, queryLanguage, findings, error }) => ({ file, stateMachineType, typeSource, queryLanguage, findings, error }));
  return JSON.stringify(perFile, null, 2);
}

/** The CLI: argv without node and script. */
export function runLintDefinition(argv: string[], io: LintIo = realIo): LintRun {
  const options = parseArgs(argv);
  if (typeof options === "string") return { exitCode: 2, stdout: "", stderr: [`${options}; ${USAGE}`] };
  const stderr: string[] = [];
  const files: LintedFile[] = [];
  let unreadable = false;
  for (const input of options.inputs) {
    const listed = io.list(input);
    const name = input === "-" ? "stdin" : input;
    if (listed === null) {
      let text: string;
      try {
        text = io.read(input);
      } catch (error) {
        stderr.push(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        unreadable = true;
        continue;
      }
      files.push(lintFileText(text, name, options, stderr));
      continue;
    }
    for (const file of listed.filter((f) => f.endsWith(".json"))) {
      const linted = lintFileText(io.read(file), file, options, stderr);
      // In a directory, JSON that is not a definition (package.json, test events) is not the linter's business.
      if (linted.findings === null && !file.endsWith(".asl.json")) stderr.push(`note: skipped ${file} (${linted.error})`);
      else files.push(linted);
    }
  }
  for (const f of files) if (f.error !== null) stderr.push(f.error);
  const notDefinition = unreadable || files.some((f) => f.findings === null);
  const anyError = files.some((f) => f.findings?.some((x) => x.severity === "error"));
  const single = options.inputs.length === 1 && io.list(options.inputs[0]!) === null;
  const stdout = files.length === 0 || (single && options.format === "json" && files[0]!.findings === null) ? "" : render(files, options.format, single);
  return { exitCode: notDefinition ? 2 : anyError ? 1 : 0, stdout, stderr };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const run = runLintDefinition(process.argv.slice(2));
  if (run.stdout) process.stdout.write(`${run.stdout}\n`);
  for (const line of run.stderr) process.stderr.write(`${line}\n`);
  process.exitCode = run.exitCode;
}
