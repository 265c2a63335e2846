// The CLI as a user runs it: a fixture, GetExecutionHistory output on stdin, --text, and bad input.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const tsx = path.join(root, "node_modules/.bin/tsx");
const fixture = path.resolve(root, "../shared/fixtures/aws-recorded/timeouts.test_timeouts_test_service_lambda_map_timeout__0.json");

function run(args: string[], input?: string) {
  const result = spawnSync(tsx, ["scripts/analyze.ts", ...args], { cwd: root, input, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run analyze", () => {
  it("prints the report of a recorded fixture as JSON", () => {
    const { code, stdout } = run([fixture, "--region", "eu-west-3", "--executions-per-month", "1000"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      eventCount: 33,
      status: "FAILED",
      failure: { state: "LambdaInvoke", error: "States.Timeout", cause: null, kind: "task-timeout" },
      transitions: 5,
      history: { events: 33, limit: 25_000 },
      payload: { maxBytes: 248, state: "MapWait" },
      cost: { region: "eu-west-3", pricePerThousandTransitionsUsd: 0.0297, monthly: { executionsPerMonth: 1000 } },
    });
    expect(report.states[1]).toMatchObject({ path: "MapWait/LambdaInvoke", name: "LambdaInvoke", type: "Task", entered: 4, retries: 0, events: 20 });
    for (const key of ["maxInputBytes", "maxOutputBytes"]) expect(report.states[1]).toHaveProperty(key);
  }, 60_000);

  it("reads GetExecutionHistory output from stdin, with --definition", () => {
    const { events, definition } = JSON.parse(readFileSync(fixture, "utf8"));
    const scratch = mkdtempSync(path.join(tmpdir(), "analyze-test-"));
    const definitionFile = path.join(scratch, "definition.json");
    writeFileSync(definitionFile, definition);
    const { code, stdout } = run(["-", "--definition", definitionFile, "--text"], JSON.stringify({ events }));
    rmSync(scratch, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^FAILED in 32\.0 s — 33 events, 5 transitions, 1 run\(s\)/);
    expect(stdout).toContain("Failure: task-timeout at MapWait/LambdaInvoke: States.Timeout");
    expect(stdout).toContain("MapWait/LambdaInvoke (Task) timed-out: entered 4");
  }, 60_000);

  it("exits 2 with one line on bad input", () => {
    for (const [args, input, message] of [
      [["-"], "not json", /stdin is not JSON/],
      [["-"], JSON.stringify({ executions: [] }), /Not an execution history.*\(not-a-history\)/],
      [["-"], JSON.stringify([1, 3, 2].map((id) => ({ id, type: "ExecutionStarted", timestamp: "2024-01-01T00:00:00Z" }))), /out of order/],
      [["/nonexistent/history.json"], undefined, /cannot read \/nonexistent\/history.json: ENOENT/],
      [[], undefined, /usage: analyze/],
    ] as const) {
      const { code, stderr, stdout } = run([...args], input);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
  }, 60_000);
});
