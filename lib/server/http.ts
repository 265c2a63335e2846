import "server-only";
import { NextResponse } from "next/server";
import { ArnError } from "@/lib/analysis/links/arn";
import { isAwsFailure, type ApiErrorBody, type AwsErrorKind, type AwsFailure } from "@/lib/domain/errors";

/** A JSON error with a deliberate status: what went wrong, and what was expected where it helps. */
export function jsonError(status: number, kind: string, message: string, expected?: string, headers: Record<string, string> = {}): NextResponse<ApiErrorBody> {
  return NextResponse.json({ error: { kind, message, ...(expected ? { expected } : {}) } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Seconds a client should wait after a throttled answer before asking again. */
export const THROTTLED_RETRY_AFTER_SECONDS = 5;

/**
 * The HTTP status for an AWS failure. Throttled is 429 (ask again later), AWS down is 503, our own
 * misuse of AWS (unknown, invalid input reaching AWS) is 502: the upstream answer was not usable.
 */
export function httpStatusFor(kind: AwsErrorKind): number {
  switch (kind) {
    case "throttled":
      return 429;
    case "not-found":
      return 404;
    case "invalid-input":
      return 400;
    case "access-denied":
      return 403;
    case "expired-credentials":
      return 401;
    case "unsupported":
      return 422;
    case "invalid-token":
      return 409;
    case "unavailable":
      return 503;
    case "unknown":
      return 502;
  }
}

/**
 * What a client is told about an AWS failure: our words, by kind. The SDK's own text (which can quote
 * request details, endpoints or deserialisation internals) stays in the server log.
 */
export function clientMessageFor(error: Pick<AwsFailure, "kind" | "operation">): string {
  const op = error.operation;
  switch (error.kind) {
    case "throttled":
      return `AWS is throttling ${op}; the dashboard keeps within its share of the quota, so try again in a few seconds.`;
    case "not-found":
      return `AWS has no such resource (${op} answered that it does not exist).`;
    case "invalid-input":
      return `AWS refused the request as invalid (${op}).`;
    case "access-denied":
      return `The dashboard's AWS role may not call ${op}; see the IAM policy in the README.`;
    case "expired-credentials":
      return `The dashboard's AWS credentials are missing or expired (${op}).`;
    case "unsupported":
      return `${op} is not supported for this resource (Express state machines keep no history in Step Functions).`;
    case "invalid-token":
      return `A paging token expired or was invalid (${op}); reload to start again.`;
    case "unavailable":
      return `AWS did not answer ${op} (network error, timeout or a 5xx); the dashboard retries on its own.`;
    case "unknown":
      return `AWS answered ${op} in a way the dashboard could not use.`;
  }
}

/** Errors the analyser or the ARN parser raise on bad input, recognised by name (any bundle's copy). */
function namedError(error: unknown, name: string): (Error & { expected?: unknown; code?: unknown }) | null {
  return error instanceof Error && error.name === name ? (error as Error & { expected?: unknown; code?: unknown }) : null;
}

/** Maps typed errors to statuses; anything else is logged and answered as a plain 500. */
export function toErrorResponse(error: unknown): NextResponse<ApiErrorBody> {
  const arnError = namedError(error, "ArnError");
  if (arnError) return jsonError(400, "invalid-arn", arnError.message, typeof arnError.expected === "string" ? arnError.expected : undefined);
  if (isAwsFailure(error)) {
    if (error.kind === "unknown" || error.kind === "unavailable") console.error(`sfn-triage: ${error.message}`);
    const headers: Record<string, string> = error.kind === "throttled" ? { "retry-after": String(THROTTLED_RETRY_AFTER_SECONDS) } : {};
    return jsonError(httpStatusFor(error.kind), error.kind, clientMessageFor(error), undefined, headers);
  }
  if (namedError(error, "HistoryError")) {
    // AWS (or the sandbox) answered with a history the analyser can't read: the upstream is at fault.
    return jsonError(502, "unreadable-history", `The execution history could not be analysed: ${(error as Error).message}`);
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
