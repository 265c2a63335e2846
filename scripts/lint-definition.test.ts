import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "@/test-support/recorded-fixtures";
import { runLintDefinition } from "./lint-definition";

const files: Record<string, string> = {
  "ok.json": JSON.stringify({
    StartAt: "A",
    TimeoutSeconds: 60,
    States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 10, Retry: [{ ErrorEquals: ["States.ALL"] }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "F" }], End: true }, F: { Type: "Fail" } },
  }),
  "bad-heartbeat.json": JSON.stringify({
    StartAt: "A",
    States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 10, HeartbeatSeconds: 10, End: true } },
  }),
  "broken.json": '{"StartAt": ',
  "not-asl.json": '{"hello": "world"}',
};
const read = (file: string) => {
  const text = files[file];
  if (text === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
  return text;
};

describe("lint-definition", () => {
  it("prints findings as JSON and exits 0 when none is an error", () => {
    const run = runLintDefinition(["ok.json"], read);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it("exits 1 when a finding is an error", () => {
    const run = runLintDefinition(["bad-heartbeat.json"], read);
    expect(run.exitCode).toBe(1);
    const findings = JSON.parse(run.stdout) as { code: string; severity: string; path: string | null; message: string; fix: string }[];
    expect(findings.map((f) => `${f.code} ${f.severity} ${f.path}`)).toContain("heartbeat-not-below-timeout error A");
    for (const f of findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(["code", "severity", "path", "message", "fix"]));
  });

  it("exits 2 with one line for unreadable, invalid or non-ASL input", () => {
    for (const [args, pattern] of [
      [["broken.json"], /broken\.json is not valid JSON/],
      [["not-asl.json"], /not-asl\.json: The definition has no `States` object/],
      [["missing.json"], /cannot read missing\.json: ENOENT/],
      [[], /usage: lint-definition FILE\|-/],
    ] as const) {
      const run = runLintDefinition([...args], read);
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toHaveLength(1);
      expect(run.stderr[0]).toMatch(pattern);
    }
  });

  it("reads DescribeStateMachine output and recorded fixtures, using a fixture's events for Map figures", () => {
    const described = runLintDefinition(["d.json"], () => JSON.stringify({ stateMachineArn: "arn", definition: files["bad-heartbeat.json"] }));
    expect(described.exitCode).toBe(1);
    const fixture = "scenarios.test_base_scenarios_test_map_state_break_condition_legacy__0.json";
    const run = runLintDefinition([path.join(FIXTURE_DIR, fixture)]);
    const map = (JSON.parse(run.stdout) as { code: string; data?: { source: string } }[]).find((f) => f.code === "inline-map-history-risk");
    expect(map?.data?.source).toBe("observed");
  });

  it("runs as a command, reading stdin for -", () => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/lint-definition.ts", "-"], { input: files["bad-heartbeat.json"], encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)[0].code).toBe("execution-timeout-missing");
    const broken = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/lint-definition.ts", "-"], { input: "nope", encoding: "utf8" });
    expect(broken.status).toBe(2);
    expect(broken.stderr.trim().split("\n")).toHaveLength(1);
  });
});
