// One `next start` of the built app on a free loopback port, for the benchmarks, scripts/load.ts and the
// e2e suites that need an app with settings of their own. No sandbox import: Playwright loads this too.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** A free loopback port (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Builds the app if `.next/BUILD_ID` is missing. */
export async function ensureBuild(log: (line: string) => void = () => {}): Promise<void> {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  log("no .next/BUILD_ID: running next build");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function stopProcessGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** One `next start` of the built app, pointed at an AWS endpoint (the sandbox). */
export interface AppProcess {
  appUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `next start` on a free loopback port against `endpoint`; waits until /api/health answers. */
export async function startApp(opts: { endpoint: string; region: string; env?: Record<string, string>; log?: (line: string) => void }): Promise<AppProcess> {
  const log = opts.log ?? (() => {});
  await ensureBuild(log);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AWS_ENDPOINT_URL: opts.endpoint,
    AWS_REGION: opts.region,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    SFN_TRIAGE_REGIONS: opts.region,
    ...opts.env,
  };
  delete env.AWS_PROFILE;
  delete env.NODE_OPTIONS;
  // Its own process group, so stop() ends next and its workers and nothing else.
  const app = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  app.stderr?.on("data", (chunk: Buffer) => log(`next: ${chunk.toString("utf8").trim()}`));
  const appUrl = `http://127.0.0.1:${port}`;
  try {
    // Any answer will do (a 503 from /api/health is an answer): the process is up.
    await waitFor("next start", async () => (await fetch(`${appUrl}/api/health`)).status > 0, 60_000);
  } catch (error) {
    await stopProcessGroup(app);
    throw error;
  }
  log(`app on ${appUrl} (pid ${app.pid})`);
  return { appUrl, pid: app.pid!, stop: () => stopProcessGroup(app) };
}

