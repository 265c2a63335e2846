import type { Finding, FindingSeverity, WorkflowType } from "./finding";
import { FINDING_CODES } from "./finding";
import { locatePointer, type TextPosition } from "./json-positions";
import { FINDING_RULES } from "./rules";

/** One file's lint, as the CLI prints it. */
export interface LintedFile {
  file: string;
  /** Null when the file could not be linted (then `error` says why). */
  findings: Finding[] | null;
  error: string | null;
  stateMachineType: WorkflowType;
  /** Where the type came from: describe-state-machine output, --type, or the AWS default. */
  typeSource: "describe-state-machine" | "--type" | "default";
  queryLanguage: "JSONPath" | "JSONata" | null;
  /** Key positions in the file's text (JSON pointer → line/column), when the definition is an object in it. */
  positions: Map<string, TextPosition> | null;
  /** Pointer of the definition inside the file ("" for a bare definition, "/definition" in a wrapper). */
  pointerPrefix: string;
}

const fieldPointer = (field: string) => field.replace(/\[(\d+)\]/g, "/$1").replace(/\./g, "/");

/** Line and column of a finding in its file: the field if found, else its state, else line 1. */
export function locateFinding(file: LintedFile, finding: Finding): TextPosition {
  if (!file.positions) return { line: 1, column: 1 };
  const byLocation = new Map<string, TextPosition>();
  for (const [pointer, position] of file.positions) {
    if (!pointer.startsWith(`${file.pointerPrefix}/`)) continue;
    const { path, field } = locatePointer(pointer.slice(file.pointerPrefix.length));
    const key = `${path ?? ""}|${field ?? ""}`;
    if (!byLocation.has(key)) byLocation.set(key, position);
  }
  const path = finding.path ?? "";
  const field = finding.field ? fieldPointer(finding.field) : "";
  return byLocation.get(`${path}|${field}`) ?? byLocation.get(`${path}|${field.split("/")[0]}`) ?? byLocation.get(`${path}|`) ?? { line: 1, column: 1 };
}

const SARIF_LEVEL: Record<FindingSeverity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** SARIF 2.1.0 (for GitHub code scanning): one run, every code as a rule, one result per finding. */
export function toSarif(files: readonly LintedFile[], version: string): Record<string, unknown> {
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: FINDING_RULES[code].title },
    helpUri: FINDING_RULES[code].docs,
    properties: { appliesTo: [...FINDING_RULES[code].appliesTo] },
  }));
  const results = files.flatMap((file) =>
    (file.findings ?? []).map((finding) => {
      const { line, column } = locateFinding(file, finding);
      return {
        ruleId: finding.code,
        ruleIndex: FINDING_CODES.indexOf(finding.code),
        level: SARIF_LEVEL[finding.severity],
        message: { text: `${finding.message} Fix: ${finding.fix}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: toUri(file.file) }, region: { startLine: line, startColumn: column } },
            logicalLocations: [{ fullyQualifiedName: finding.path ?? "(state machine)", kind: "member" }],
          },
        ],
        properties: { stateMachineType: file.stateMachineType, ...(finding.field ? { field: finding.field } : {}) },
      };
    }),
  );
  const notifications = files
    .filter((f) => f.error !== null)
    .map((f) => ({ level: "error", message: { text: f.error! }, locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.file) } } }] }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "sfn-triage lint-definition", version, informationUri: "https://docs.aws.amazon.com/step-functions/latest/dg/", rules } },
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

/** A relative path as a URI reference (SARIF's artifactLocation.uri): forward slashes, each segment escaped. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/** A summary for people: per file, findings grouped by state, errors first within each. */
export function toTextSummary(files: readonly LintedFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    if (file.findings === null) {
      lines.push(`${file.file}: ${file.error}`, "");
      continue;
    }
    const count = (s: FindingSeverity) => file.findings!.filter((f) => f.severity === s).length;
    const type = `${file.stateMachineType}${file.typeSource === "default" ? " (assumed: pass --type)" : ""}`;
    lines.push(`${file.file} — ${type}, ${file.queryLanguage}: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} info`);
    const groups = new Map<string, Finding[]>();
    for (const f of file.findings) {
      const key = f.path === null ? "(state machine)" : `State "${f.path}"`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const rank: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };
    for (const [group, findings] of groups) {
      lines.push(`  ${group}`);
      for (const f of [...findings].sort((a, b) => rank[a.severity] - rank[b.severity])) {
        const { line } = locateFinding(file, f);
        lines.push(`    ${f.severity.padEnd(7)} ${f.code}${f.field ? ` [${f.field}]` : ""} (line ${line}): ${f.message}`, `            fix: ${f.fix}`);
      }
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}
