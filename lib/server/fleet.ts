import "server-only";
import { configuredRegions } from "@/lib/aws/clients";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { FleetPoller } from "./poller";
import { indexConfig } from "./store/config";
import { FailureStore } from "./store/failure-store";

// One poller and one failure index per server process, kept on globalThis so Next's dev reloads don't
// start a second one. (The composition root of issue 12 will build these once and hand them out.)
const holder = globalThis as typeof globalThis & { __sfnTriagePoller?: FleetPoller; __sfnTriageStore?: Promise<FailureStore> };

/** The process-wide failure index: SQLite in SFN_TRIAGE_DB (default .sfn-triage/index.db), or Postgres at DATABASE_URL. */
export function failureStore(): Promise<FailureStore> {
  if (!holder.__sfnTriageStore) {
    const { location, retention } = indexConfig();
    holder.__sfnTriageStore = FailureStore.open(location, retention);
  }
  return holder.__sfnTriageStore;
}

/** The process-wide fleet poller, started on first use; it writes every failure into failureStore(). */
export function fleetPoller(): FleetPoller {
  if (!holder.__sfnTriagePoller) holder.__sfnTriagePoller = new FleetPoller(configuredRegions(), { store: failureStore() });
  return holder.__sfnTriagePoller;
}

// The first paint waits for the first poll at most this long, then shows what it has.
const FIRST_POLL_WAIT_MS = 8_000;

/** The fleet snapshot; waits (briefly) for the first poll so the first page isn't empty. */
export async function getFleetSnapshot(): Promise<FleetSnapshot> {
  const poller = fleetPoller();
  await Promise.race([poller.start(), new Promise((resolve) => setTimeout(resolve, FIRST_POLL_WAIT_MS).unref?.())]);
  return poller.snapshot();
}
