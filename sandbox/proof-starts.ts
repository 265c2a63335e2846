/**
 * `npm run sandbox:starts [-- N]`: start `npm run sandbox` N times in a row (default 10) as a user would, and for
 * each start record whether it came up, whether ≥ 5 executions started and the first failures arrived (read
 * through the gateway with the SDK, as the dashboard reads them), and whether SIGINT to npm stopped it all.
 * Exits 1 unless every start passed. Ports are chosen free; seconds are printed, never asserted.
 */
import { spawn } from "node:child_process";
import { ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import path from "node:path";
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from "./aws-clients";
import { describeSeed } from "./seed";
import { descendants, freePort, isAlive, portIsFree, waitForExit, watchOutput } from "../test-support/processes";

const ROOT = path.resolve(__dirname, "..");
const WAIT_MS = 180_000;

interface StartResult {
  run: number;
  ready: boolean;
  readyS: number | null;
  started: number;
  failures: number;
  firstFailureS: number | null;
  probeLines: number;
  stoppedClean: boolean;
  error: string | null;
}

async function countExecutions(sfn: SFNClient): Promise<{ started: number; failures: number }> {
  let started = 0;
  let failures = 0;
  for (const sm of Object.values(describeSeed().stateMachines)) {
    const out = await sfn.send(new ListExecutionsCommand({ stateMachineArn: sm.arn, maxResults: 1000 }));
    for (const e of out.executions ?? []) {
      started += 1;
      if (e.status === "FAILED" || e.status === "TIMED_OUT") failures += 1;
    }
  }
  return { started, failures };
}

async function oneStart(run: number): Promise<StartResult> {
  const port = await freePort();
  const t0 = Date.now();
  const seconds = () => Math.round((Date.now() - t0) / 100) / 10;
  const result: StartResult = { run, ready: false, readyS: null, started: 0, failures: 0, firstFailureS: null, probeLines: 0, stoppedClean: false, error: null };
  const npm = spawn("npm", ["run", "--silent", "sandbox"], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: String(port), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const out = watchOutput(npm);
  const sfn = new SFNClient({ endpoint: `http://127.0.0.1:${port}`, region: SANDBOX_REGION, credentials: SANDBOX_CREDENTIALS, maxAttempts: 2 });
  try {
    await out.waitFor(/sandbox ready:/, WAIT_MS);
    result.ready = true;
    result.readyS = seconds();
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const counts = await countExecutions(sfn);
      Object.assign(result, counts);
      if (counts.failures > 0 && result.firstFailureS === null) result.firstFailureS = seconds();
      if (counts.started >= 5 && counts.failures > 0) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    result.probeLines = (out.text().match(/\[moto-launch\] (probe|patch) /g) ?? []).length;
  } catch (err) {
    result.error = err instanceof Error ? err.message.split("\n")[0]! : String(err);
  } finally {
    sfn.destroy();
    const tree = npm.pid ? descendants(npm.pid) : new Map<number, string>();
    if (npm.pid) process.kill(npm.pid, "SIGINT");
    try {
      if (npm.pid) await waitForExit(npm.pid, 60_000);
      // A child may take a moment to notice its parent is gone (esbuild's service reads its stdin): 10 s, then judge.
      const deadline = Date.now() + 10_000;
      let left = [...tree].filter(([pid]) => isAlive(pid));
      while (left.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        left = left.filter(([pid]) => isAlive(pid));
      }
      const portFree = await portIsFree(port);
      result.stoppedClean = left.length === 0 && portFree;
      if (!result.stoppedClean) result.error ??= `left after SIGINT: ${left.map(([pid, cmd]) => `${pid} ${cmd.slice(0, 80)}`).join("; ") || "none"}; port ${port} ${portFree ? "free" : "still bound"}`;
    } catch (err) {
      result.error ??= err instanceof Error ? err.message : String(err);
    }
    if (npm.pid && !result.stoppedClean) {
      for (const pid of tree.keys()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  }
  return result;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 10);
  const results: StartResult[] = [];
  for (let run = 1; run <= runs; run++) {
    const r = await oneStart(run);
    results.push(r);
    const ok = r.ready && r.started >= 5 && r.failures > 0 && r.stoppedClean;
    console.log(
      `start ${String(run).padStart(2)}: ${ok ? "ok  " : "FAIL"} ready after ${r.readyS ?? "-"} s, ${r.started} executions started, ${r.failures} failed/timed out (first after ${r.firstFailureS ?? "-"} s), ${r.probeLines} probe/patch lines on stderr, stopped clean: ${r.stoppedClean}${r.error ? `, error: ${r.error}` : ""}`,
    );
  }
  const passed = results.filter((r) => r.ready && r.started >= 5 && r.failures > 0 && r.stoppedClean).length;
  console.log(`${passed}/${runs} starts came up with ≥ 5 executions and failures arriving, and stopped clean on SIGINT to npm`);
  process.exit(passed === runs ? 0 : 1);
}

void main();
