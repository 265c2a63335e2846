import "server-only";

/** Server settings from the environment, read once per use so tests can change them. */
export function serverConfig() {
  return {
    pollIntervalMs: positive(process.env.SFN_TRIAGE_POLL_MS, 30_000),
    /** Executions listed per state machine and status each poll (ListExecutions newest first). */
    executionsPerStatus: positive(process.env.SFN_TRIAGE_EXECUTIONS_PER_STATUS, 100),
    hidePayloads: process.env.SFN_TRIAGE_HIDE_PAYLOADS === "1",
    /** Longest the poller waits after repeated failures: well inside any quota's refill. */
    maxBackoffMs: 5 * 60_000,
    /** State machine definitions are re-read this often (they change on deploy). */
    definitionTtlMs: 10 * 60_000,
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

// SFN_TRIAGE_ACCOUNTS (docs/accounts.md) is parsed in its own module; exported here with the other settings.
export { parseAccounts, watchedAccounts, AccountsConfigError } from "./accounts-config";
