import { NextResponse } from "next/server";
import { utf8ByteLength } from "@/lib/analysis/bytes";
import { serverConfig } from "@/lib/server/config";
import { triageService } from "@/lib/server/executions";
import { jsonError, toErrorResponse } from "@/lib/server/http";
import { ExecutionArnSegment, parseInput, PayloadQuery, queryOf } from "@/lib/server/inputs";
import { whileRequestLasts } from "@/lib/server/request-scope";

export const dynamic = "force-dynamic";

/** One payload's text, on demand only, and never when SFN_TRIAGE_HIDE_PAYLOADS=1. */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  if (serverConfig().hidePayloads) return jsonError(403, "payloads-hidden", "Payload contents are hidden on this server (SFN_TRIAGE_HIDE_PAYLOADS=1).");
  const query = parseInput(PayloadQuery, queryOf(request.url));
  if (!query.ok) return query.response;
  const arn = parseInput(ExecutionArnSegment, (await params).arn, "invalid-arn");
  if (!arn.ok) return arn.response;
  try {
    // Read from AWS on demand: the server's caches hold sizes, never payload text.
    const text = await whileRequestLasts(request.signal, () => triageService().getPayload(arn.data.arn, query.data.eventId, query.data.field));
    if (text === null) return jsonError(404, "not-found", `Event ${query.data.eventId} carries no ${query.data.field}.`);
    return NextResponse.json({ eventId: query.data.eventId, field: query.data.field, bytes: utf8ByteLength(text), text }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
