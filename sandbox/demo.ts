/**
 * `npm run demo`: the sandbox plus the dashboard (`next dev`) pointed at it — no AWS account needed.
 * Env: PORT (dashboard, default 3000), SANDBOX_PORT (gateway, default 4566), SANDBOX_RATE, SANDBOX_FAULTS.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startSandbox, type Sandbox } from "./index";
import { envLines, failStart, portFromEnv, stopOnSignals } from "./main";
import { assertPortFree } from "./ports";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Environment for the dashboard process: the sandbox endpoint and dummy credentials, never a real profile. */
export function dashboardEnv(endpoint: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"]) delete env[key];
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SFN_TRIAGE_REGIONS: "us-east-1",
  };
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const nextBin = path.join(root, "node_modules", ".bin", "next");
  if (!fs.existsSync(nextBin)) failStart(new Error(`${nextBin} is missing: run npm install first`));
  let appPort: number;
  let sandbox: Sandbox;
  try {
    appPort = portFromEnv(process.env.PORT, 3000);
    // Both ports are checked before anything is spawned: a busy port fails at once, never hangs.
    await assertPortFree(appPort);
    sandbox = await startSandbox({ port: portFromEnv(process.env.SANDBOX_PORT, 4566), dashboardUrl: `http://127.0.0.1:${appPort}`, log: (l) => console.log(l) });
  } catch (err) {
    failStart(err);
  }

  const next: ChildProcess = spawn(nextBin, ["dev", "-H", "127.0.0.1", "-p", String(appPort)], {
    cwd: root,
    env: dashboardEnv(sandbox.endpoint),
    stdio: "inherit",
    detached: true, // its own process group, so stopping it also stops the workers next dev forks
  });
  const stopNext = async () => {
    if (next.exitCode !== null || next.signalCode !== null || !next.pid) return;
    const exited = new Promise((r) => next.once("exit", r));
    try {
      process.kill(-next.pid, "SIGTERM");
    } catch {
      next.kill("SIGTERM");
    }
    const force = setTimeout(() => {
      try {
        process.kill(-(next.pid as number), "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(force);
  };
  stopOnSignals(async () => {
    await stopNext();
    await sandbox.stop();
  }, (l) => console.log(l));
  next.once("exit", (code) => {
    console.log(`next dev exited (${code ?? "signal"}); stopping the sandbox`);
    void sandbox.stop().finally(() => process.exit(code ?? 1));
  });

  console.log(`\nsandbox (AWS):  ${sandbox.endpoint}`);
  console.log(`dashboard:      http://127.0.0.1:${appPort}`);
  console.log(`any AWS client: ${envLines(sandbox.endpoint).join(" ")}`);
  console.log("Ctrl-C stops both.\n");
}

if (require.main === module) void main();
