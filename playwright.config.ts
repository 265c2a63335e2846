import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Playwright cannot download browsers here: we drive Debian's Chromium. Fail loudly if it's missing.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
}

// The test process talks to the sandbox through the SDK too; Node 20's support notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** A port free right now, found synchronously (the config is evaluated before anything can be awaited). */
function freePort(): string {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}
// Ports come from the environment or are chosen free, so two checkouts can run e2e side by side. Chosen once, in
// the first evaluation: the workers (which evaluate this file again) and e2e/fixtures inherit them through the env.
process.env.E2E_SANDBOX_PORT ||= freePort();
process.env.E2E_APP_PORT ||= freePort();
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT);
const APP_PORT = Number(process.env.E2E_APP_PORT);
export const E2E_ENDPOINT = `http://127.0.0.1:${SANDBOX_PORT}`;

const awsEnv = {
  AWS_ENDPOINT_URL: E2E_ENDPOINT,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    timezoneId: "UTC",
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      // Without the background-networking flags Chromium keeps dialling Google on this closed network.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      // Terminal lines (failures, alarms) are not needed here; the launcher's probe/patch lines come on stderr.
      command: "node --import tsx sandbox/main.ts",
      url: `${E2E_ENDPOINT}/__sandbox/health`,
      env: { ...awsEnv, SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_RATE: process.env.E2E_SANDBOX_RATE ?? "20" },
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${APP_PORT}`,
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      // A history cache of 100 events: visiting a second execution drops the first one's, as a full cache would.
      // One browser here is every client: the per-client limit (proven in lib/server/proxy-auth.test.ts and
      // e2e/hostile-load.spec.ts, on apps of their own) would otherwise answer this suite's bursts with 429.
      // A fresh failure index per run: the sandbox starts empty, so must the index.
      env: {
        ...awsEnv,
        SFN_TRIAGE_REGIONS: "us-east-1",
        SFN_TRIAGE_POLL_MS: "3000",
        SFN_TRIAGE_HISTORY_CACHE_MB: "0.05",
        SFN_TRIAGE_CLIENT_RATE: "1000",
        SFN_TRIAGE_CLIENT_BURST: "5000",
        SFN_TRIAGE_DB: path.join(tmpdir(), `sfn-triage-e2e-${process.pid}-${Date.now()}.db`),
      },
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
