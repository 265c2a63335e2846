import { NextResponse } from "next/server";
import { getFleetSnapshot } from "@/lib/server/fleet";

export const dynamic = "force-dynamic";

/** The fleet snapshot; served from memory, so any number of tabs cost AWS nothing extra. */
export async function GET() {
  return NextResponse.json(await getFleetSnapshot(), { headers: { "cache-control": "no-store" } });
}
