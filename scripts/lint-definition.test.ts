import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "@/test-support/recorded-fixtures";
import { validateSarif } from "@/test-support/sarif-validator";
import { findingsForDefinition } from "@/lib/server/definition-findings";
import { runLintDefinition, type LintIo } from "./lint-definition";

const LAMBDA = "arn:aws:states:::lambda:invoke";
const files: Record<string, string> = {
  "ok.json": JSON.stringify({
    StartAt: "A",
    TimeoutSeconds: 60,
    States: { A: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 10, Retry: [{ ErrorEquals: ["States.ALL"] }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "F" }], End: true }, F: { Type: "Fail" } },
  }),
  "bad-heartbeat.json": JSON.stringify({
    StartAt: "A",
    States: { A: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 10, HeartbeatSeconds: 10, End: true } },
  }),
  // Two structural problems and a risk, laid out on lines so locations can be checked.
  "broken-catch.asl.json": [
    "{",
    '  "StartAt": "Call",',
    '  "States": {',
    '    "Call": {',
    '      "Type": "Task",',
    `      "Resource": "${LAMBDA}",`,
    '      "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Gone" }],',
    '      "End": true',
    "    },",
    '    "Orphan": { "Type": "Pass", "End": true }',
    "  }",
    "}",
  ].join("\n"),
  "broken.json": '{"StartAt": ',
  "not-asl.json": '{"hello": "world"}',
  "express.json": JSON.stringify({ type: "EXPRESS", stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:x", definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } }) }),
  "defs/one.asl.json": JSON.stringify({ StartAt: "A", TimeoutSeconds: 5, States: { A: { Type: "Pass", End: true } } }),
  "defs/nested/two.json": JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nope" } } }),
  "defs/package.json": JSON.stringify({ name: "not-a-definition" }),
};
const io: LintIo = {
  read: (file) => {
    const text = files[file];
    if (text === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
    return text;
  },
  list: (dir) => (Object.keys(files).some((f) => f.startsWith(`${dir}/`)) ? Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).sort() : null),
};
type Printed = { code: string; severity: string; path: string | null; field?: string | null; message: string; fix: string };
const codes = (findings: Printed[]) => findings.map((f) => `${f.code} ${f.severity} ${f.path ?? "-"}`);

describe("lint-definition", () => {
  it("prints one file's findings as JSON and exits 0 when none is an error", () => {
    const run = runLintDefinition(["ok.json", "--no-schema"], io);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it("exits 1 when a finding is an error", () => {
    const run = runLintDefinition(["bad-heartbeat.json"], io);
    expect(run.exitCode).toBe(1);
    const findings = JSON.parse(run.stdout) as Printed[];
    expect(codes(findings)).toContain("heartbeat-not-below-timeout error A");
    for (const f of findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(["code", "severity", "path", "message", "fix"]));
  });

  it("reports every structural problem of a definition in one run, with locations, and exits 1 (not 2)", () => {
    const run = runLintDefinition(["broken-catch.asl.json"], io);
    expect(run.exitCode).toBe(1);
    const findings = JSON.parse(run.stdout) as Printed[];
    expect(codes(findings).filter((c) => c.includes(" error "))).toEqual(["transition-target-missing error Call", "state-unreachable error Orphan"]);
    expect(findings[0]!.field).toBe("Catch[0].Next");
    const text = runLintDefinition(["broken-catch.asl.json", "--format", "text"], io).stdout;
    expect(text).toMatch(/transition-target-missing \[Catch\[0\]\.Next\] \(line 7\)/);
    expect(text).toMatch(/State "Orphan"\n\s+error\s+state-unreachable \(line 10\)/);
  });

  it("exits 2 with one line for unreadable, invalid or non-ASL input, and for bad arguments", () => {
    for (const [args, pattern] of [
      [["broken.json"], /broken\.json is not valid JSON/],
      [["not-asl.json"], /not-asl\.json: The definition has no `States` object/],
      [["missing.json"], /cannot read missing\.json: ENOENT/],
      [[], /no FILE given; usage: lint-definition/],
      [["--format", "xml", "ok.json"], /unknown --format xml/],
      [["--type", "FAST", "ok.json"], /unknown --type FAST/],
    ] as const) {
      const run = runLintDefinition([...args], io);
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toHaveLength(1);
      expect(run.stderr[0]).toMatch(pattern);
    }
  });

  it("takes the type from describe-state-machine output or --type, and leaves Standard-only codes out of Express", () => {
    const described = runLintDefinition(["express.json", "--no-schema"], io);
    expect(JSON.parse(described.stdout)).toEqual([]);
    const asStandard = runLintDefinition(["express.json", "--no-schema", "--type=STANDARD"], io);
    expect(codes(JSON.parse(asStandard.stdout) as Printed[])).toEqual(["execution-timeout-missing warning -"]);
    const forced = runLintDefinition(["bad-heartbeat.json", "--no-schema", "--type", "express"], io);
    expect(codes(JSON.parse(forced.stdout) as Printed[])).not.toContain("execution-timeout-missing warning -");
  });

  it("gives describe-state-machine output exactly the dashboard's findings for that state machine", () => {
    const definition = files["broken-catch.asl.json"]!;
    for (const type of ["STANDARD", "EXPRESS"] as const) {
      const run = runLintDefinition(["sm.json"], { read: () => JSON.stringify({ stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:x", type, definition }), list: () => null });
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(findingsForDefinition(definition, { stateMachineType: type }))));
    }
  });

  it("lints several files and directories in one run, with per-file results", () => {
    const run = runLintDefinition(["ok.json", "defs", "--no-schema"], io);
    expect(run.exitCode).toBe(1);
    const perFile = JSON.parse(run.stdout) as { file: string; typeSource: string; findings: Printed[] | null; error: string | null }[];
    expect(perFile.map((f) => f.file)).toEqual(["ok.json", "defs/nested/two.json", "defs/one.asl.json"]);
    expect(codes(perFile[1]!.findings!)).toContain("transition-target-missing error A");
    expect(perFile[2]!.findings).toEqual([]);
    expect(perFile[0]!.typeSource).toBe("default");
    expect(run.stderr.join("\n")).toMatch(/skipped defs\/package\.json/);
    // A named file that is not a definition at all still makes the run exit 2, beside the others' results.
    const mixed = runLintDefinition(["ok.json", "not-asl.json", "--no-schema"], io);
    expect(mixed.exitCode).toBe(2);
    expect((JSON.parse(mixed.stdout) as { error: string | null }[]).map((f) => f.error !== null)).toEqual([false, true]);
  });

  it("writes SARIF 2.1.0 that validates against the schema's structure, one result per finding, located", () => {
    const run = runLintDefinition(["--format", "sarif", "broken-catch.asl.json", "bad-heartbeat.json", "not-asl.json"], io);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(validateSarif(log)).toEqual([]);
    const results = log.runs[0]!.results;
    const missing = results.find((r) => r.ruleId === "transition-target-missing")!;
    expect(missing.level).toBe("error");
    // Line and column of the very field at fault: "Next" inside Catch[0].
    expect(missing.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: "broken-catch.asl.json" }, region: { startLine: 7, startColumn: 50 } });
    expect(results.filter((r) => r.ruleId === "heartbeat-not-below-timeout")).toHaveLength(1);
    for (const r of results) expect(log.runs[0]!.tool.driver.rules.map((x) => x.id)).toContain(r.ruleId);
    // The validator is not a rubber stamp: a broken log fails it.
    expect(validateSarif({ version: "2.0.0", runs: [{ tool: { driver: {} }, results: [{ level: "fatal" }] }], extra: 1 })).toHaveLength(5);
  });

  it("reads recorded fixtures, using a fixture's events for Map figures", () => {
    const fixture = "scenarios.test_base_scenarios_test_map_state_break_condition_legacy__0.json";
    const run = runLintDefinition([path.join(FIXTURE_DIR, fixture), "--no-schema"]);
    const map = (JSON.parse(run.stdout) as { code: string; data?: { source: string } }[]).find((f) => f.code === "inline-map-history-risk");
    expect(map?.data?.source).toBe("observed");
  });

  it("runs as a command, reading stdin for -", () => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/lint-definition.ts", "--format", "text", "-"], { input: files["bad-heartbeat.json"], encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^stdin — STANDARD \(assumed: pass --type\), JSONPath: 1 errors/);
  });
});
