import { NextResponse } from "next/server";
import { z } from "zod";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { triageService } from "@/lib/server/executions";
import { arnFromSegment, jsonError, toErrorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

const Query = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  state: z.string().min(1).max(2000).optional(),
  kind: z.enum(["errors", "retries"]).optional(),
  q: z.string().max(500).optional(),
});

/** One page of an execution's events, newest first, filtered by state, kind (errors, retries) and text. Sizes only. */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return jsonError(400, "invalid-input", "Expected ?before={event id}&limit=1..5000&state={state path}&kind=errors|retries&q={text}, each optional.");
  }
  try {
    const arn = parseStatesArn(arnFromSegment((await params).arn));
    if (arn.kind !== "execution" && arn.kind !== "map-run-execution") {
      return jsonError(400, "invalid-arn", `That is a ${arn.kind} ARN; events belong to executions.`, "arn:aws:states:{region}:{account}:execution:{stateMachine}:{execution}");
    }
    return NextResponse.json(await triageService().getEventPage(arn.arn, query.data), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
