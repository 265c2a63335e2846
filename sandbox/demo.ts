/**
 * `npm run demo`: the sandbox plus the dashboard (a production build, `next start`) pointed at it — no AWS
 * account needed. The build runs once and is reused while the app's sources are unchanged (build-cache.ts), so
 * the first page answers in seconds once the URL is printed. Ctrl-C, or SIGINT/SIGTERM to the npm process,
 * stops everything: the dashboard's process group, then the sandbox (moto included).
 * Env: PORT (dashboard, default 3000), SANDBOX_PORT (gateway, default 4566), SANDBOX_RATE, SANDBOX_FAULTS, SANDBOX_LOG.
 * `--events`: the sandbox publishes Step Functions status-change events to an SQS queue and the dashboard consumes
 * it (SFN_TRIAGE_EVENTS_QUEUE_URL): failures reach the fleet within seconds, the poller reconciles.
 * `--replicas N` (N ≥ 2): a local PostgreSQL as the shared index and N dashboards on PORT, PORT+1, … (docs/replicas.md).
 */
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent, recordBuild, sourceHash } from "./build-cache";
import { startSandbox, type Sandbox } from "./index";
import { SECOND_ACCOUNT_NAME, SECOND_ACCOUNT_ROLE_ARN } from "./second-account";
import { SANDBOX_ACCOUNT_ID } from "./aws-clients";
import { envLines, failStart, logSink, portFromEnv, ROOT } from "./main";
import { replicasFromArgs, startDemoPostgres, type DemoPostgres } from "./replicas";
import { assertPortFree } from "./ports";
import { spawnGroup, stopOnSignals, type GroupChild } from "./process-tree";
import { eventLine, openLogFile } from "./terminal";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

/** Environment for the dashboard process: the sandbox endpoint and dummy credentials, never a real profile. */
export function dashboardEnv(
  endpoint: string,
  base: NodeJS.ProcessEnv = process.env,
  options: { events?: { queueUrl: string } | null; databaseUrl?: string } = {},
): NodeJS.ProcessEnv {
  const { events, databaseUrl } = options;
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
    // Both sandbox accounts: moto's default one with the dummy keys, and the second through AssumeRole (docs/accounts.md).
    SFN_TRIAGE_ACCOUNTS: base.SFN_TRIAGE_ACCOUNTS ?? demoAccounts(),
    // moto starts empty every time, so the demo's failure index does too (unless one is chosen).
    SFN_TRIAGE_DB: base.SFN_TRIAGE_DB ?? DEMO_INDEX,
    // --replicas: every dashboard on one Postgres, so they share the index and one of them polls.
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(events ? { SFN_TRIAGE_EVENTS_QUEUE_URL: events.queueUrl, SFN_TRIAGE_EVENTS_REGION: "us-east-1" } : {}),
  };
}

/** SFN_TRIAGE_ACCOUNTS of the demo: the sandbox's two accounts. */
export function demoAccounts(): string {
  return JSON.stringify([
    { accountId: SANDBOX_ACCOUNT_ID, name: "sandbox", regions: ["us-east-1"] },
    { roleArn: SECOND_ACCOUNT_ROLE_ARN, name: SECOND_ACCOUNT_NAME, regions: ["us-east-1"] },
  ]);
}

/** The demo's own failure index, emptied at every start: the same demo every time. */
export const DEMO_INDEX = path.join(ROOT, ".sandbox", "demo-index.db");

/** Resolve once `url` answers 2xx (polled; the dashboard boots in a second or two from a build). */
async function waitForOk(url: string, alive: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error("the dashboard exited before it answered");
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const nextBin = path.join(ROOT, "node_modules", ".bin", "next");
  if (!fs.existsSync(nextBin)) failStart(new Error(`${nextBin} is missing: run npm ci first`));
  const logFile = openLogFile(ROOT, "demo");
  const log = logSink(logFile);
  let build: GroupChild | null = null;
  const nexts: GroupChild[] = [];
  let postgres: Promise<DemoPostgres> | null = null;
  let sandbox: Sandbox | null = null;
  let starting: Promise<Sandbox> | null = null;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await build?.stop();
    await Promise.all(nexts.map((n) => n.stop()));
    const s = sandbox ?? (await starting?.catch(() => null));
    await s?.stop();
    await (await postgres?.catch(() => null))?.stop();
    await logFile.close();
  };
  stopOnSignals(stopAll, (line) => console.log(`\n${line}`));

  let appPort = 3000;
  let replicas = 1;
  try {
    replicas = replicasFromArgs(process.argv.slice(2));
    appPort = portFromEnv(process.env.PORT, 3000);
    // Every port is checked before anything is spawned or built: a busy port fails at once, never hangs.
    for (let i = 0; i < replicas; i++) await assertPortFree(appPort + i);
    await assertPortFree(portFromEnv(process.env.SANDBOX_PORT, 4566));
  } catch (err) {
    failStart(err, logFile);
  }
  console.log(`demo log (build output, moto's tracebacks, workers, metrics): ${logFile.path}`);

  const hash = sourceHash(ROOT);
  if (buildIsCurrent(ROOT, hash)) {
    console.log("dashboard: reusing the production build in .next (sources unchanged)");
  } else {
    console.log("dashboard: building it once for production (next build; reused while the sources are unchanged)…");
    build = spawnGroup(nextBin, ["build"], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    build.child.stdout?.on("data", (b: Buffer) => b.toString("utf8").split("\n").filter(Boolean).forEach((l) => logFile.write(`next build: ${l}`)));
    build.child.stderr?.on("data", (b: Buffer) => b.toString("utf8").split("\n").filter(Boolean).forEach((l) => logFile.write(`next build: ${l}`)));
    const code = await build.exited;
    build = null;
    if (stopping) return;
    if (code !== 0) {
      console.error(`next build failed (exit ${code}); its output is in ${logFile.path}`);
      process.exit(1);
    }
    recordBuild(ROOT, hash);
  }

  const dashboardUrl = `http://127.0.0.1:${appPort}`;
  try {
    starting = startSandbox({ port: portFromEnv(process.env.SANDBOX_PORT, 4566), dashboardUrl, log, motoOutput: log, onEvent: (e) => console.log(eventLine(e, dashboardUrl)), events: process.argv.slice(2).includes("--events") });
    sandbox = await starting;
  } catch (err) {
    failStart(err, logFile);
  }
  if (stopping) return;

  let databaseUrl: string | undefined;
  if (replicas > 1) {
    try {
      postgres = startDemoPostgres(log);
      databaseUrl = (await postgres).url;
    } catch (err) {
      await stopAll();
      failStart(err, logFile);
    }
    if (stopping) return;
  } else if (!process.env.SFN_TRIAGE_DB) for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${DEMO_INDEX}${suffix}`, { force: true });
  const urls = Array.from({ length: replicas }, (_, i) => `http://127.0.0.1:${appPort + i}`);
  for (let i = 0; i < replicas; i++) {
    const label = replicas > 1 ? `next[${i + 1}]` : "next";
    const next = spawnGroup(nextBin, ["start", "-H", "127.0.0.1", "-p", String(appPort + i)], { cwd: ROOT, env: dashboardEnv(sandbox.endpoint, process.env, { events: sandbox.events, databaseUrl }), stdio: ["ignore", "pipe", "pipe"] });
    nexts.push(next);
    next.child.stdout?.on("data", (b: Buffer) => b.toString("utf8").split("\n").filter(Boolean).forEach((l) => logFile.write(`${label}: ${l}`)));
    next.child.stderr?.on("data", (b: Buffer) => b.toString("utf8").split("\n").filter(Boolean).forEach((l) => logFile.write(`${label}: ${l}`)));
    void next.exited.then((code) => {
      if (stopping) return;
      // With replicas, one dashboard going away is what the demo is for: the others keep serving, and one of
      // them takes over polling within an interval. The demo stops when none is left.
      const others = nexts.filter((n) => n !== next && n.child.exitCode === null && n.child.signalCode === null);
      if (others.length > 0) {
        console.log(`the dashboard ${urls[i]} exited (${code ?? next.child.signalCode ?? "signal"}); ${others.length} other(s) keep serving, one of them polls within an interval.`);
        return;
      }
      console.log(`the dashboard ${urls[i]} exited (${code ?? "signal"}); stopping the sandbox. Its output is in ${logFile.path}`);
      void stopAll().finally(() => process.exit(code || 1));
    });
  }
  try {
    // The URLs are printed only once the first page has answered: opening one is then a matter of seconds.
    for (const [i, url] of urls.entries()) {
      const alive = () => nexts[i]?.child.exitCode === null;
      await waitForOk(`${url}/api/health`, alive);
      await waitForOk(`${url}/`, alive);
    }
  } catch (err) {
    if (stopping) return;
    console.error(`the dashboard did not come up: ${err instanceof Error ? err.message : String(err)}; see ${logFile.path}`);
    await stopAll();
    process.exit(1);
  }

  console.log(`\nsandbox (AWS):  ${sandbox.endpoint}`);
  console.log(`any AWS client: ${envLines(sandbox.endpoint).join(" ")}`);
  if (replicas > 1) {
    console.log(`postgres:       ${databaseUrl} (the shared index; one dashboard polls, the others follow)`);
    for (const [i, url] of urls.entries()) console.log(`dashboard ${i + 1}:    ${url}  (role: ${url}/api/health)`);
  } else console.log(`dashboard:      ${dashboardUrl}`);
  console.log(`accounts:       ${SANDBOX_ACCOUNT_ID} (sandbox, default credentials), ${SECOND_ACCOUNT_ROLE_ARN.split(":")[4]} (${SECOND_ACCOUNT_NAME}, via AssumeRole ${SECOND_ACCOUNT_ROLE_ARN})`);
  if (sandbox.events) console.log(`events:         on — status changes through ${sandbox.events.queueUrl} (DLQ ${sandbox.events.dlqUrl}); polling reconciles`);
  else console.log("events:         off (npm run demo -- --events to consume status-change events)");
  console.log("Ctrl-C stops both. Failures and alarms as they happen:\n");
}

if (require.main === module) void main();
