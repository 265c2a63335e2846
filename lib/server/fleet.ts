import "server-only";
import { configuredRegions } from "@/lib/aws/clients";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { FleetPoller } from "./poller";

// One poller per server process, kept on globalThis so Next's dev reloads don't start a second one.
const holder = globalThis as typeof globalThis & { __sfnTriagePoller?: FleetPoller };

/** The process-wide fleet poller, started on first use. */
export function fleetPoller(): FleetPoller {
  if (!holder.__sfnTriagePoller) holder.__sfnTriagePoller = new FleetPoller(configuredRegions());
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
