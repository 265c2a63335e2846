import { NextResponse } from "next/server";
import { triageService } from "@/lib/server/executions";
import { toErrorResponse } from "@/lib/server/http";
import { EventsQuery, ExecutionArnSegment, parseInput, queryOf } from "@/lib/server/inputs";
import { whileRequestLasts } from "@/lib/server/request-scope";

export const dynamic = "force-dynamic";

/** One page of an execution's events, newest first, filtered by state, kind (errors, retries) and text. Sizes only. */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  const query = parseInput(EventsQuery, queryOf(request.url));
  if (!query.ok) return query.response;
  const arn = parseInput(ExecutionArnSegment, (await params).arn, "invalid-arn");
  if (!arn.ok) return arn.response;
  try {
    return NextResponse.json(await whileRequestLasts(request.signal, () => triageService().getEventPage(arn.data.arn, query.data)), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
