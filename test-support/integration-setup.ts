// vitest globalSetup of the `integration` project: ONE sandbox (moto + gateway + seed + traffic) for every
// integration file, on a free port (or INTEGRATION_SANDBOX_PORT), handed to the tests with inject("sandbox").
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startSandbox } from "../sandbox";
import type { SharedSandboxInfo } from "./shared-sandbox";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const logDir = path.resolve(__dirname, "../test-results");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "integration-sandbox.log");
  const out = createWriteStream(logFile, { flags: "w" });
  const write = (line: string) => out.write(`${new Date().toISOString()} ${line}\n`);
  const port = Number(process.env.INTEGRATION_SANDBOX_PORT ?? 0);
  // Launcher lines (moto version, probes, patches) reach stderr on their own; the rest goes to the log file.
  const sandbox = await startSandbox({ port, traffic: { ratePerMin: 12, bigMapAfterMs: null }, log: write, motoOutput: write });
  process.stderr.write(`integration: shared sandbox on ${sandbox.endpoint}; its log: ${logFile}\n`);
  const info: SharedSandboxInfo = { endpoint: sandbox.endpoint, region: sandbox.region, seed: sandbox.seed, motoPid: sandbox.motoPid };
  project.provide("sandbox", info);
  return async () => {
    await sandbox.stop();
    await new Promise<void>((resolve) => out.end(() => resolve()));
  };
}
