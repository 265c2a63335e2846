import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness only: answers without touching AWS (for process supervisors and the e2e harness). */
export function GET() {
  return NextResponse.json({ ok: true });
}
