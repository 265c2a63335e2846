import { NextResponse } from "next/server";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { triageService } from "@/lib/server/executions";
import { arnFromSegment, jsonError, toErrorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** One execution's triage: after one history page for a first visit, complete once every page is in. */
export async function GET(_request: Request, { params }: { params: Promise<{ arn: string }> }) {
  try {
    const arn = parseStatesArn(arnFromSegment((await params).arn));
    if (arn.kind !== "execution" && arn.kind !== "map-run-execution") {
      return jsonError(400, "invalid-arn", `That is a ${arn.kind} ARN; this page shows executions.`, "arn:aws:states:{region}:{account}:execution:{stateMachine}:{execution}");
    }
    return NextResponse.json(await triageService().getTriage(arn.arn), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
