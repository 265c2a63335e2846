// `npm run demo -- --replicas N`: the flag, and the local PostgreSQL the N dashboards share (docs/replicas.md).
import { startTestPostgres } from "../lib/server/store/testing/postgres";

/** A running local PostgreSQL with the demo's database. */
export interface DemoPostgres {
  url: string;
  stop(): Promise<void>;
}

const MAX_REPLICAS = 8;

/**
 * The number after `--replicas` (or `--replicas=N`); 1 without the flag. Other flags are left to whoever reads
 * them (`--events`), so the two combine.
 */
export function replicasFromArgs(args: readonly string[]): number {
  const at = args.findIndex((a) => a === "--replicas" || a.startsWith("--replicas="));
  if (at < 0) return 1;
  const raw = args[at]!.includes("=") ? args[at]!.slice("--replicas=".length) : args[at + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICAS) throw new Error(`--replicas takes a whole number from 1 to ${MAX_REPLICAS} (got ${raw === undefined ? "nothing" : `"${raw}"`})`);
  return n;
}

/**
 * Starts a throwaway cluster (Debian's postgresql, as the tests do: a temporary directory, a free port, trust auth
 * on 127.0.0.1 only, run as user postgres when we are root) with an empty `sfn_triage` database; stop() removes it.
 * Empty at every start, as moto is.
 */
export async function startDemoPostgres(log: (line: string) => void): Promise<DemoPostgres> {
  const cluster = await startTestPostgres();
  try {
    const url = await cluster.createDatabase("sfn_triage");
    log(`postgres: ${url}`);
    return { url, stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
