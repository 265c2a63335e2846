import "server-only";
import { storeLocationFromEnv, type StoreLocation } from "./open";
import { retentionFromEnv, type Retention } from "./retention";
import type { IngestLimits } from "../failure-ingest";

/** The failure index's settings from the environment, read per use so tests can change them. */
export function indexConfig(env: NodeJS.ProcessEnv = process.env): { location: StoreLocation; retention: Retention; ingest: IngestLimits } {
  const retention = retentionFromEnv(env);
  return {
    location: storeLocationFromEnv(env),
    retention,
    ingest: {
      pageSize: bounded(env.SFN_TRIAGE_LIST_PAGE_SIZE, 1000, 1, 1000),
      historyReserve: bounded(env.SFN_TRIAGE_HISTORY_RESERVE, 20, 0, 10_000),
      maxDetailsPerCycle: bounded(env.SFN_TRIAGE_DETAILS_PER_CYCLE, 400, 1, 100_000),
      maxAgeMs: retention.maxAgeMs,
    },
  };
}

function bounded(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}
