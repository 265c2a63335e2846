import { NextResponse } from "next/server";
import { triageService } from "@/lib/server/executions";
import { toErrorResponse } from "@/lib/server/http";
import { ExecutionArnSegment, parseInput } from "@/lib/server/inputs";
import { whileRequestLasts } from "@/lib/server/request-scope";

export const dynamic = "force-dynamic";

/** One execution's triage: after one history page for a first visit, complete once every page is in. */
export async function GET(request: Request, { params }: { params: Promise<{ arn: string }> }) {
  const arn = parseInput(ExecutionArnSegment, (await params).arn, "invalid-arn");
  if (!arn.ok) return arn.response;
  try {
    return NextResponse.json(await whileRequestLasts(request.signal, () => triageService().getTriage(arn.data.arn)), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
