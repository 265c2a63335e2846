/**
 * `npm run sandbox`: a local AWS (moto + gateway) with the seeded workflows and steady traffic.
 * Env: SANDBOX_PORT (gateway, default 4566), SANDBOX_RATE (executions/min), SANDBOX_FAULTS (JSON),
 * SANDBOX_LOG (log file; default .sandbox/logs/…), SANDBOX_VERBOSE=1 (the log on stdout too).
 * `--events`: publish Step Functions status-change events to an SQS queue (+ DLQ) and print its URL.
 * The terminal gets one line per failure and per alarm; moto's tracebacks and the rest go to the log file.
 */
import path from "node:path";
import { MotoDefectError, MotoMissingError, PortTakenError, startSandbox, type Sandbox } from "./index";
import { stopOnSignals } from "./process-tree";
import { eventLine, openLogFile, type LogFile } from "./terminal";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export { stopOnSignals } from "./process-tree";

/** The repository root (this file lives in sandbox/). */
export const ROOT = path.resolve(__dirname, "..");

/** Lines a user pastes to point any AWS client at the sandbox. */
export function envLines(endpoint: string): string[] {
  return [`AWS_ENDPOINT_URL=${endpoint}`, "AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test"];
}

/** Parse SANDBOX_PORT-style values: a port number 0–65535 or the default. */
export function portFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port "${value}"`);
  return port;
}

/** Print a start-up failure the way a user can act on it, and exit 1. */
export function failStart(err: unknown, logFile?: LogFile): never {
  if (err instanceof PortTakenError || err instanceof MotoMissingError || err instanceof MotoDefectError) console.error(err.message);
  else console.error(`sandbox failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  if (logFile) console.error(`log: ${logFile.path}`);
  process.exit(1);
}

/** Where sandbox chatter goes: the log file, and stdout too with SANDBOX_VERBOSE=1. */
export function logSink(logFile: LogFile): (line: string) => void {
  const verbose = process.env.SANDBOX_VERBOSE === "1";
  return (line) => {
    logFile.write(line);
    if (verbose) console.log(line);
  };
}

async function main(): Promise<void> {
  const logFile = openLogFile(ROOT, "sandbox");
  const log = logSink(logFile);
  let sandbox: Sandbox | null = null;
  // Installed before anything is spawned: a Ctrl-C during start-up stops what has started so far.
  let starting: Promise<Sandbox> | null = null;
  stopOnSignals(async () => {
    const s = sandbox ?? (await starting?.catch(() => null));
    await s?.stop();
    await logFile.close();
  }, (line) => console.log(`\n${line}`));
  console.log(`sandbox log (moto's tracebacks, workers, metrics): ${logFile.path}`);
  try {
    starting = startSandbox({ port: portFromEnv(process.env.SANDBOX_PORT, 4566), log, motoOutput: log, onEvent: (e) => console.log(eventLine(e)), events: process.argv.slice(2).includes("--events") });
    sandbox = await starting;
  } catch (err) {
    failStart(err, logFile);
  }
  console.log(`\nsandbox ready: ${sandbox.endpoint}  (moto: ${sandbox.motoEndpoint})`);
  console.log("point any AWS client at it with:\n");
  console.log(`  ${envLines(sandbox.endpoint).join(" ")}\n`);
  console.log(`state machines: ${Object.keys(sandbox.seed.stateMachines).join(", ")}`);
  console.log(`faults: POST ${sandbox.endpoint}/__sandbox/faults   stats: GET ${sandbox.endpoint}/__sandbox/stats`);
  if (sandbox.events) console.log(`events: on — SFN_TRIAGE_EVENTS_QUEUE_URL=${sandbox.events.queueUrl}  (DLQ ${sandbox.events.dlqUrl})`);
  console.log("Ctrl-C stops everything. Failures and alarms as they happen:\n");
}

if (require.main === module) void main();
