import "server-only";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import type { FleetPoller } from "./poller";
import type { FailureStore } from "./store/failure-store";
import { services } from "./services";

/** The process-wide fleet poller (built by the composition root, lib/server/services.ts). */
export function fleetPoller(): FleetPoller {
  return services().poller;
}

/** The process-wide failure index: SQLite in SFN_TRIAGE_DB (default .sfn-triage/index.db), or Postgres at DATABASE_URL. */
export function failureStore(): Promise<FailureStore> {
  return services().store;
}

/** Why SFN_TRIAGE_ACCOUNTS can't be read, or null (health reports it). */
export function accountsProblem(): string | null {
  return services().accountsProblem;
}

// The first paint waits for the first poll at most this long, then shows what it has.
const FIRST_POLL_WAIT_MS = 8_000;

/** The fleet snapshot; waits (briefly) for the first poll so the first page isn't empty. */
export async function getFleetSnapshot(): Promise<FleetSnapshot> {
  const poller = fleetPoller();
  await Promise.race([poller.start(), new Promise((resolve) => setTimeout(resolve, FIRST_POLL_WAIT_MS).unref?.())]);
  return poller.snapshot();
}
