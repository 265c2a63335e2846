/**
 * Next calls register() once per server process at boot: polling starts then, not at the first visit,
 * so the fleet (and /api/health) is right before anyone opens a page.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { fleetPoller } = await import("@/lib/server/fleet");
  void fleetPoller().start();
  // Registers the state machine and execution pages' preflights (lib/server/page-preflight.ts) before the first request.
  await import("@/lib/server/state-machines");
  await import("@/lib/server/execution-preflight");
  // Events (SFN_TRIAGE_EVENTS_QUEUE_URL): failures reach the index within seconds; the poller stays the reconciler.
  (await import("@/lib/server/services")).services().events?.start();
}
