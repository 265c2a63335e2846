import { NextResponse } from "next/server";
import { getSignatureDetail } from "@/lib/server/failures";
import { BadQueryError, parseFailuresQuery } from "@/lib/server/failures-query";
import { jsonError, toErrorResponse } from "@/lib/server/http";
import { BadCursorError } from "@/lib/server/store/failure-store";

export const dynamic = "force-dynamic";

/** One failure signature: its executions (paged), hourly series, versions and aliases, first and newest execution. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!/^[0-9a-f]{16}$/.test(id)) return jsonError(400, "bad-signature", "A signature id is 16 hexadecimal digits.", "/api/failures/signatures/{16 hex digits}");
    const detail = await getSignatureDetail(id, parseFailuresQuery(new URL(request.url).searchParams, Date.now()));
    if (!detail) return jsonError(404, "not-found", "No signature with that id in the failure index.");
    return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof BadQueryError || error instanceof BadCursorError) return jsonError(400, "bad-query", error.message);
    return toErrorResponse(error);
  }
}
