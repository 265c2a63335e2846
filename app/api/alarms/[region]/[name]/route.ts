import { NextResponse } from "next/server";
import { ALARM_LINK_EXPECTED, checkAlarmLink } from "@/lib/analysis/links/alarm-path";
import { AlarmNotFoundError, getAlarmView } from "@/lib/server/alarm-view";
import { jsonError, toErrorResponse } from "@/lib/server/http";
import { readAlarmSegment } from "@/lib/server/alarm-link";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ region: string; name: string }> };

/** The alarm view as JSON: `?at=&from=&to=` as in the page's link. */
export async function GET(request: Request, { params }: Params) {
  const { region, name } = await params;
  const alarmName = readAlarmSegment(name);
  const search = new URL(request.url).searchParams;
  const problem = checkAlarmLink([region, alarmName], search);
  if (problem) return jsonError(400, "invalid-input", problem, ALARM_LINK_EXPECTED);
  try {
    const link = { at: search.get("at") ?? undefined, from: search.get("from") ?? undefined, to: search.get("to") ?? undefined };
    return NextResponse.json(await getAlarmView({ region, alarmName, ...link }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AlarmNotFoundError) return jsonError(404, "not-found", error.message);
    return toErrorResponse(error);
  }
}
