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
    /**
     * How the poller chooses its ListExecutions (docs/polling.md): "metrics" (default) reads AWS/States counts
     * and lists only the state machines whose counts moved, plus a slow sweep; "sweep" lists every one each cycle.
     */
    pollStrategy: process.env.SFN_TRIAGE_POLL_STRATEGY === "sweep" ? ("sweep" as const) : ("metrics" as const),
    /** Every state machine is swept (all four lists) this often, to reconcile what the metrics missed. */
    sweepIntervalMs: positive(process.env.SFN_TRIAGE_SWEEP_INTERVAL_MS, 60 * 60_000),
    /** Share of the account's ListExecutions refill the slow sweep may spend (0 < share ≤ 1). */
    sweepQuotaShare: Math.min(1, positive(process.env.SFN_TRIAGE_SWEEP_QUOTA_SHARE, 0.2)),
    /** How far the metric window reaches back beyond one interval: AWS/States datapoints arrive minutes late. */
    metricDelayMs: positive(process.env.SFN_TRIAGE_METRIC_DELAY_MS, 10 * 60_000),
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

// SFN_TRIAGE_ACCOUNTS (docs/accounts.md) is parsed in its own module; exported here with the other settings.
export { parseAccounts, watchedAccounts, AccountsConfigError } from "./accounts-config";
