/**
 * The error contract between the server, its route handlers and the browser. Errors are told apart by a
 * string discriminant, never by `instanceof`: Next bundles page and API routes separately, each with its
 * own copy of every class, and a process-wide service throws the copy of whichever bundle built it.
 */

/** What went wrong talking to AWS, in the words route handlers and the UI act on. */
export const AWS_ERROR_KINDS = [
  "throttled",
  "not-found",
  "invalid-input",
  "access-denied",
  "expired-credentials",
  "unsupported",
  "invalid-token",
  "unavailable",
  "unknown",
] as const;
export type AwsErrorKind = (typeof AWS_ERROR_KINDS)[number];

/** An AWS failure as any bundle sees it: `source: "aws"` is the discriminant. */
export interface AwsFailure {
  readonly source: "aws";
  readonly kind: AwsErrorKind;
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
  readonly awsCode?: string;
}

const AWS_KIND_SET: ReadonlySet<string> = new Set(AWS_ERROR_KINDS);

/** True for an AwsError from any bundle's copy of lib/aws (checked by shape, not class). */
export function isAwsFailure(error: unknown): error is AwsFailure & Error {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { source?: unknown; kind?: unknown; operation?: unknown };
  return e.source === "aws" && typeof e.kind === "string" && AWS_KIND_SET.has(e.kind) && typeof e.operation === "string";
}

/** The JSON error body every API route returns. */
export interface ApiErrorBody {
  error: { kind: string; message: string; expected?: string; retryAfterSeconds?: number };
}
