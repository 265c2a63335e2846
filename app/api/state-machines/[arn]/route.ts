import { NextResponse } from "next/server";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { arnFromSegment, jsonError, publicUrlFrom, toErrorResponse } from "@/lib/server/http";
import { getStateMachineView } from "@/lib/server/state-machines";

export const dynamic = "force-dynamic";

function isoOrUndefined(value: string | null): string | undefined | null {
  if (value === null) return undefined;
  return Number.isFinite(Date.parse(value)) ? value : null;
}

/** The state machine page's data; `from`/`to` are ISO times (default: the last 24 h). */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  const search = new URL(request.url).searchParams;
  const from = isoOrUndefined(search.get("from"));
  const to = isoOrUndefined(search.get("to"));
  if (from === null || to === null) return jsonError(400, "invalid-input", "from and to must be ISO 8601 times, e.g. 2026-11-23T15:00:00Z.");
  try {
    const arn = parseStatesArn(arnFromSegment((await params).arn));
    if (arn.kind !== "state-machine" && arn.kind !== "state-machine-qualified") {
      return jsonError(400, "invalid-arn", `That is a ${arn.kind} ARN; this API takes state machines.`, "arn:aws:states:{region}:{account}:stateMachine:{name}");
    }
    const view = await getStateMachineView({ arn: arn.arn, from, to, publicUrl: publicUrlFrom(request.headers) });
    return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
