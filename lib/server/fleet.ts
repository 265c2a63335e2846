import "server-only";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import type { FleetPoller } from "./poller";
import { services } from "./services";

/** The process-wide fleet poller (built by the composition root, lib/server/services.ts). */
export function fleetPoller(): FleetPoller {
  return services().poller;
}

// The first paint waits for the first poll at most this long, then shows what it has.
const FIRST_POLL_WAIT_MS = 8_000;

/** The fleet snapshot; waits (briefly) for the first poll so the first page isn't empty. */
export async function getFleetSnapshot(): Promise<FleetSnapshot> {
  const poller = fleetPoller();
  await Promise.race([poller.start(), new Promise((resolve) => setTimeout(resolve, FIRST_POLL_WAIT_MS).unref?.())]);
  return poller.snapshot();
}
