/**
 * The commands as a user runs them: `npm run sandbox`, `npm run demo` and `npm start`, stopped by a signal to
 * the npm process alone (not its group: that is what `kill -INT <npm pid>` and most supervisors do). Every
 * process they started must be gone afterwards, and their ports free. Ports are chosen free at runtime.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { descendants, freePort, isAlive, portIsFree, waitForExit, watchOutput } from "@/test-support/processes";

const ROOT = path.resolve(__dirname, "..");
const started: ChildProcess[] = [];

function npmRun(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn("npm", ["run", "--silent", script], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own group, so the cleanup below can reach whatever a failed test leaves behind; the test signals the npm pid only.
    detached: true,
  });
  started.push(child);
  return child;
}

afterEach(() => {
  for (const child of started.splice(0)) {
    if (!child.pid) continue;
    for (const pid of descendants(child.pid).keys()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

/**
 * Signal the npm process only (or, for "ctrl-c", its whole process group, as a terminal does), then expect it and
 * every process below it gone, and the ports free.
 */
async function stopAndExpectNothingLeft(npm: ChildProcess, signal: NodeJS.Signals | "ctrl-c", ports: number[]): Promise<void> {
  const tree = descendants(npm.pid!);
  expect(tree.size, "the command started processes").toBeGreaterThan(0);
  if (signal === "ctrl-c") process.kill(-npm.pid!, "SIGINT");
  else process.kill(npm.pid!, signal);
  await waitForExit(npm.pid!, 60_000);
  // Give orphans (had there been any) no excuse: each pid seen running must now be gone.
  const deadline = Date.now() + 10_000;
  let left = [...tree].filter(([pid]) => isAlive(pid));
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    left = left.filter(([pid]) => isAlive(pid));
  }
  expect(left.map(([pid, cmd]) => `${pid} ${cmd}`), `processes left after ${signal} to npm`).toEqual([]);
  for (const port of ports) expect(await portIsFree(port), `port ${port} free after ${signal}`).toBe(true);
}

describe("npm run sandbox", () => {
  it.each(["SIGINT", "SIGTERM", "ctrl-c"] as const)("stops moto, the gateway and everything else on %s to the npm process", async (signal) => {
    const port = await freePort();
    const npm = npmRun("sandbox", { SANDBOX_PORT: String(port), SANDBOX_RATE: "6" });
    const out = watchOutput(npm);
    await out.waitFor(/sandbox ready: http:\/\/127\.0\.0\.1:\d+/, 240_000);
    // The launcher's probe and patch lines reach the terminal (stderr), whatever else is sent to the log file.
    expect(out.text()).toMatch(/\[moto-launch\] patch deepcopy: applied/);
    expect(out.text()).toMatch(/sandbox log .*: .*\.log/);
    const health = await fetch(`http://127.0.0.1:${port}/__sandbox/health`);
    expect(health.status).toBe(200);
    const tree = descendants(npm.pid!);
    expect([...tree.values()].some((cmd) => cmd.includes("launch.py")), "moto runs below npm").toBe(true);
    await stopAndExpectNothingLeft(npm, signal, [port]);
  });
});

describe("npm run demo", () => {
  it("serves the dashboard from a production build, and SIGINT to the npm process leaves no process and both ports free", async () => {
    const [appPort, sandboxPort] = [await freePort(), await freePort()];
    const npm = npmRun("demo", { PORT: String(appPort), SANDBOX_PORT: String(sandboxPort), SANDBOX_RATE: "6" });
    const out = watchOutput(npm);
    // A first start may build (minutes on a loaded machine); later ones reuse the build.
    const [, url] = (await out.waitFor(/dashboard:\s+(http:\/\/127\.0\.0\.1:\d+)/, 900_000)) as RegExpMatchArray;
    expect(url).toBe(`http://127.0.0.1:${appPort}`);
    expect(out.text()).toMatch(/production build|building it once for production/);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    const tree = descendants(npm.pid!);
    // next start renames its process "next-server (v…)".
    expect([...tree.values()].some((cmd) => /next-server|next start/.test(cmd)), "next start runs below npm").toBe(true);
    expect([...tree.values()].some((cmd) => cmd.includes("launch.py")), "moto runs below npm").toBe(true);
    await stopAndExpectNothingLeft(npm, "SIGINT", [appPort, sandboxPort]);
  }, 1_200_000);
});

describe("npm start", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("stops next start on %s to the npm process", async (signal) => {
    const port = await freePort();
    // A build exists: the demo test above made (or reused) it. No AWS is needed for the health route.
    const npm = npmRun("start", { PORT: String(port), AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_REGION: "us-east-1" });
    const out = watchOutput(npm);
    await out.waitFor(/Ready|started server|Local:/i, 120_000);
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {
      healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy, "next start answers /api/health").toBe(true);
    await stopAndExpectNothingLeft(npm, signal, [port]);
  });
});
