import { NextResponse } from "next/server";
import { resolveGo } from "@/lib/server/go";
import { jsonError, toErrorResponse } from "@/lib/server/http";
import { GoQuery, parseInput } from "@/lib/server/inputs";
import { whileRequestLasts } from "@/lib/server/request-scope";

export const dynamic = "force-dynamic";

// An SNS message is at most 256 KiB; refuse anything larger before reading it.
const MAX_BODY_BYTES = 262_144;

async function answer(raw: string | null, signal: AbortSignal) {
  const q = parseInput(GoQuery, raw ?? "");
  if (!q.ok) return q.response;
  try {
    const result = await whileRequestLasts(signal, () => resolveGo(q.data));
    if ("location" in result) return NextResponse.json(result);
    return jsonError(result.status, result.status === 404 ? "not-found" : "invalid-input", result.message, result.expected);
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Resolves `q` to a dashboard location (JSON). */
export async function GET(request: Request) {
  return answer(new URL(request.url).searchParams.get("q"), request.signal);
}

/** Same, with the alarm notification (or anything else) as the request body. */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return jsonError(413, "too-large", `The body is ${length} bytes; an alarm notification is at most ${MAX_BODY_BYTES}.`);
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return jsonError(413, "too-large", `The body is over ${MAX_BODY_BYTES} characters.`);
  return answer(body, request.signal);
}
