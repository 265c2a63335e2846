import "server-only";
import { NextResponse } from "next/server";
import { ArnError } from "@/lib/analysis/links/arn";
import { AwsError, httpStatusFor } from "@/lib/aws/errors";
import { HistoryError } from "@/lib/analysis/errors";
import type { ApiErrorBody } from "@/lib/queries/fetch-json";

/** A JSON error with a deliberate status: what went wrong, and what was expected where it helps. */
export function jsonError(status: number, kind: string, message: string, expected?: string): NextResponse<ApiErrorBody> {
  return NextResponse.json({ error: { kind, message, ...(expected ? { expected } : {}) } }, { status, headers: { "cache-control": "no-store" } });
}

/** Maps our typed errors to statuses; anything else is logged and answered as a plain 500. */
export function toErrorResponse(error: unknown): NextResponse<ApiErrorBody> {
  if (error instanceof ArnError) return jsonError(400, "invalid-arn", error.message, error.expected);
  if (error instanceof AwsError) {
    const response = jsonError(httpStatusFor(error.kind), error.kind, error.message);
    if (error.kind === "throttled") response.headers.set("retry-after", "5");
    return response;
  }
  if (error instanceof HistoryError) {
    // AWS (or the sandbox) answered with a history the analyser can't read: the upstream is at fault.
    return jsonError(502, "unreadable-history", `The execution history could not be analysed: ${error.message}`);
  }
  console.error("sfn-triage: unexpected error", error);
  return jsonError(500, "internal", "The dashboard hit an unexpected error; see the server log.");
}

/**
 * An ARN from a path segment. Next hands dynamic segments over still percent-encoded in some
 * versions and decoded in others; a Step Functions ARN never contains '%', so decoding is safe.
 */
export function arnFromSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ArnError("The ARN in the link is not valid URL encoding.");
  }
}

/** The dashboard's own base URL, for links we hand out (alarm descriptions): configured, else the request's host. */
export function publicUrlFrom(requestHeaders: Headers): string {
  const configured = process.env.SFN_TRIAGE_PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "127.0.0.1:3000";
  const proto = requestHeaders.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
