import { NextResponse } from "next/server";
import { publicUrlFrom, toErrorResponse } from "@/lib/server/http";
import { parseInput, queryOf, StateMachineArnSegment, TimeWindow } from "@/lib/server/inputs";
import { getStateMachineView } from "@/lib/server/state-machines";
import { whileRequestLasts } from "@/lib/server/request-scope";

export const dynamic = "force-dynamic";

/** The state machine page's data; `from`/`to` are ISO times (default: the last 24 h). */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  const window = parseInput(TimeWindow, queryOf(request.url));
  if (!window.ok) return window.response;
  const arn = parseInput(StateMachineArnSegment, (await params).arn, "invalid-arn");
  if (!arn.ok) return arn.response;
  try {
    const view = await whileRequestLasts(request.signal, () => getStateMachineView({ arn: arn.data.arn, ...window.data, publicUrl: publicUrlFrom(request.headers) }));
    return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
