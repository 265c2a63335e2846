import { NextResponse } from "next/server";
import { z } from "zod";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { utf8ByteLength } from "@/lib/analysis/bytes";
import { serverConfig } from "@/lib/server/config";
import { triageService } from "@/lib/server/executions";
import { arnFromSegment, jsonError, toErrorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

const Query = z.object({ eventId: z.coerce.number().int().positive(), field: z.enum(["input", "output", "parameters"]) });

/** One payload's text, on demand only, and never when SFN_TRIAGE_HIDE_PAYLOADS=1. */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  if (serverConfig().hidePayloads) return jsonError(403, "payloads-hidden", "Payload contents are hidden on this server (SFN_TRIAGE_HIDE_PAYLOADS=1).");
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "invalid-input", "Expected ?eventId={positive integer}&field=input|output|parameters.");
  try {
    const arn = parseStatesArn(arnFromSegment((await params).arn));
    // Read from AWS on demand: the server's caches hold sizes, never payload text.
    const text = await triageService().getPayload(arn.arn, query.data.eventId, query.data.field);
    if (text === null) return jsonError(404, "not-found", `Event ${query.data.eventId} carries no ${query.data.field}.`);
    return NextResponse.json({ eventId: query.data.eventId, field: query.data.field, bytes: utf8ByteLength(text), text }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
