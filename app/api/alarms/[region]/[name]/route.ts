import { NextResponse } from "next/server";
import { getAlarmView } from "@/lib/server/alarm-view";
import { jsonError, toErrorResponse } from "@/lib/server/http";
import { readAlarmSegment } from "@/lib/server/alarm-link";
import { AlarmLink, parseInput, queryOf } from "@/lib/server/inputs";
import { whileRequestLasts } from "@/lib/server/request-scope";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ region: string; name: string }> };

/** The alarm view as JSON: `?at=&from=&to=` as in the page's link. */
export async function GET(request: Request, { params }: Params) {
  const { region, name } = await params;
  const { at, from, to } = queryOf(request.url);
  const link = parseInput(AlarmLink, { region, alarmName: readAlarmSegment(name), at, from, to });
  if (!link.ok) return link.response;
  try {
    return NextResponse.json(await whileRequestLasts(request.signal, () => getAlarmView(link.data)), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof Error && error.name === "AlarmNotFoundError") return jsonError(404, "not-found", error.message);
    return toErrorResponse(error);
  }
}
