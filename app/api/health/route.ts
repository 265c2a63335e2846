import { NextResponse } from "next/server";
import { authConfigProblem } from "@/lib/server/auth";
import { accountsProblem, fleetPoller } from "@/lib/server/fleet";
import { assessHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

// Module load is the first request after start (instrumentation.ts starts the poller at boot).
const startedAtMs = Date.now();

/** Health for supervisors, without calling AWS: 503 with reasons when auth is misconfigured or polling is stuck. */
export function GET() {
  const poller = fleetPoller();
  void poller.start();
  const health = assessHealth({ authProblem: authConfigProblem(), accountsProblem: accountsProblem(), poll: poller.snapshot(), startedAtMs, nowMs: Date.now(), lease: poller.lease() });
  return NextResponse.json(health, { status: health.status, headers: { "cache-control": "no-store" } });
}
