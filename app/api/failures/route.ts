import { NextResponse } from "next/server";
import { getFailureExecutions, getFailureSignatures } from "@/lib/server/failures";
import { BadQueryError, parseFailuresQuery } from "@/lib/server/failures-query";
import { jsonError, toErrorResponse } from "@/lib/server/http";
import { BadCursorError } from "@/lib/server/store/failure-store";

export const dynamic = "force-dynamic";

/** The failure index: signatures of a window (group=signature) or its executions, newest first, by cursor. */
export async function GET(request: Request) {
  try {
    const query = parseFailuresQuery(new URL(request.url).searchParams, Date.now());
    const body = query.group === "signature" ? await getFailureSignatures(query) : await getFailureExecutions(query);
    return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof BadQueryError || error instanceof BadCursorError) return jsonError(400, "bad-query", error.message, "/api/failures?window=1h|6h|24h|7d|from=&to=&stateMachine=&status=FAILED|TIMED_OUT|ABORTED&q=&group=signature&cursor=&limit=1..200");
    return toErrorResponse(error);
  }
}
