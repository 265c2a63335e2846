/**
 * `npm run sandbox`: a local AWS (moto + gateway) with the seeded workflows and steady traffic.
 * Env: SANDBOX_PORT (gateway, default 4566), SANDBOX_RATE (executions/min), SANDBOX_FAULTS (JSON), SANDBOX_QUIET=1.
 */
import { MotoMissingError, PortTakenError, startSandbox, type Sandbox } from "./index";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

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

/** Stop the sandbox on SIGINT/SIGTERM (a second signal exits at once). */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    log(`\n${signal}: stopping…`);
    stop()
      .catch((err: unknown) => log(`stop failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** Print a start-up failure the way a user can act on it, and exit 1. */
export function failStart(err: unknown): never {
  if (err instanceof PortTakenError || err instanceof MotoMissingError) console.error(err.message);
  else console.error(`sandbox failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const quiet = process.env.SANDBOX_QUIET === "1";
  const log = (line: string) => {
    if (!quiet) console.log(line);
  };
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port: portFromEnv(process.env.SANDBOX_PORT, 4566), log });
  } catch (err) {
    failStart(err);
  }
  stopOnSignals(() => sandbox.stop(), (line) => console.log(line));
  console.log(`\nsandbox ready: ${sandbox.endpoint}  (moto: ${sandbox.motoEndpoint})`);
  console.log("point any AWS client at it with:\n");
  console.log(`  ${envLines(sandbox.endpoint).join(" ")}\n`);
  console.log(`state machines: ${Object.keys(sandbox.seed.stateMachines).join(", ")}`);
  console.log(`faults: POST ${sandbox.endpoint}/__sandbox/faults   stats: GET ${sandbox.endpoint}/__sandbox/stats`);
  console.log("Ctrl-C stops everything.");
}

if (require.main === module) void main();
