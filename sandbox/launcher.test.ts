/**
 * The moto launcher's defect registry, run for real: `--self-test` probes each defect before and after its patch,
 * and on the pinned moto a probe that throws stops start-up with exit 5 and the reason on stderr.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MotoDefectError, startMoto } from "./moto/start-moto";

const LAUNCHER = path.join(__dirname, "moto", "launch.py");
const python = process.env.SANDBOX_PYTHON ?? "python3";
const DEFECTS = ["deepcopy", "aborted-branch", "callback-lookup", "percentile", "timeout-event"];

describe("moto launcher", () => {
  it("pins moto[server]==5.2.1, and runs on it", () => {
    expect(readFileSync(path.join(__dirname, "requirements.txt"), "utf8")).toMatch(/^moto\[server\]==5\.2\.1$/m);
    const version = spawnSync(python, ["-c", "import moto; print(moto.__version__)"], { encoding: "utf8" });
    expect(version.stdout.trim(), "pip install -r sandbox/requirements.txt").toBe("5.2.1");
  });

  it("--self-test: every defect of the registry is present before its patch and gone after it", () => {
    const run = spawnSync(python, [LAUNCHER, "--self-test"], { encoding: "utf8", timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const name of DEFECTS) {
      expect(run.stdout).toMatch(new RegExp(`^${name}\\s+before patch: present\\s+after patch: absent$`, "m"));
      expect(run.stderr).toContain(`[moto-launch] probe ${name}: present`);
      expect(run.stderr).toContain(`[moto-launch] patch ${name}: applied; probe after the patch: absent`);
    }
    expect(run.stdout).toContain(`self-test: ${DEFECTS.length}/${DEFECTS.length} defects patched and fixed on moto 5.2.1`);
  });

  it("on the pinned moto, a probe that throws stops start-up: exit 5 and the reason on stderr", () => {
    const run = spawnSync(python, [LAUNCHER, "0"], { encoding: "utf8", timeout: 240_000, env: { ...process.env, SANDBOX_BREAK_PROBE: "percentile" } });
    expect(run.status).toBe(5);
    expect(run.stdout).not.toContain("MOTO_READY");
    expect(run.stderr).toMatch(/\[moto-launch\] refusing to start: probe percentile is inconclusive on moto 5\.2\.1, where the defect is known: probe raised RuntimeError/);
  });

  it("startMoto turns that refusal into a MotoDefectError carrying the reason, and passes launcher lines on", async () => {
    const saved = process.env.SANDBOX_BREAK_PROBE;
    process.env.SANDBOX_BREAK_PROBE = "deepcopy";
    const launcherLines: string[] = [];
    try {
      const error = await startMoto({ port: 0, launcherLines: (l) => launcherLines.push(l) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MotoDefectError);
      expect((error as Error).message).toMatch(/^moto refused to start: probe deepcopy is inconclusive on moto 5\.2\.1/);
    } finally {
      if (saved === undefined) delete process.env.SANDBOX_BREAK_PROBE;
      else process.env.SANDBOX_BREAK_PROBE = saved;
    }
    expect(launcherLines.some((l) => l.startsWith("[moto-launch] moto 5.2.1"))).toBe(true);
    expect(launcherLines.some((l) => l.includes("refusing to start"))).toBe(true);
  });
});
