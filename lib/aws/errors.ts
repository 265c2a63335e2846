// Pure helper (no SDK runtime import): also used by the CLI, so no "server-only" here.

import { isAwsFailure, type AwsErrorKind, type AwsFailure } from "@/lib/domain/errors";

export { AWS_ERROR_KINDS, isAwsFailure } from "@/lib/domain/errors";
export type { AwsErrorKind } from "@/lib/domain/errors";

/** An AWS call that failed, typed by kind; `awsCode` is the SDK error name when AWS answered. */
export class AwsError extends Error implements AwsFailure {
  /** The discriminant that survives bundling (see lib/domain/errors.ts): check with isAwsFailure, not instanceof. */
  readonly source = "aws" as const;
  readonly kind: AwsErrorKind;
  readonly operation: string;
  readonly retryable: boolean;
  readonly awsCode?: string;

  constructor(kind: AwsErrorKind, operation: string, message: string, options: { awsCode?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AwsError";
    this.kind = kind;
    this.operation = operation;
    this.retryable = kind === "throttled" || kind === "unavailable";
    if (options.awsCode !== undefined) this.awsCode = options.awsCode;
  }
}

// Error names as the SDKs raise them. CloudWatch's older query protocol says "Throttling";
// KMS throttling reaches Step Functions callers as KmsThrottlingException.
const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "KmsThrottlingException",
]);
const NOT_FOUND = new Set([
  "ExecutionDoesNotExist",
  "StateMachineDoesNotExist",
  "ResourceNotFound",
  "ResourceNotFoundException",
  "ActivityDoesNotExist",
]);
const INVALID_INPUT = new Set([
  "InvalidArn",
  "ValidationException",
  "InvalidParameterValue",
  "InvalidParameterValueException",
  "InvalidParameterCombination",
  "InvalidParameterCombinationException",
  "MissingParameter",
  "MissingRequiredParameter",
  "InvalidName",
]);
const EXPIRED_CREDENTIALS = new Set([
  "UnrecognizedClient",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "CredentialsProviderError",
]);
const INVALID_TOKEN = new Set(["InvalidToken", "InvalidNextToken", "InvalidNextTokenException"]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const NETWORK_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "ServiceUnavailable", "InternalFailure"]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === "object" && err !== null ? (err as ErrorLike) : {};
}

function isNetworkError(e: ErrorLike, depth = 0): boolean {
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === "string" && NETWORK_NAMES.has(e.name)) return true;
  // fetch and some handlers wrap the socket error: "fetch failed" with cause.code ECONNREFUSED.
  return depth < 5 && e.cause !== undefined && isNetworkError(asErrorLike(e.cause), depth + 1);
}

function kindOf(e: ErrorLike): AwsErrorKind {
  const name = typeof e.name === "string" ? e.name : "";
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  if (THROTTLED.has(name) || status === 429) return "throttled";
  if (NOT_FOUND.has(name)) return "not-found";
  // Step Functions says this for Express state machines on ListExecutions / GetExecutionHistory.
  if (name === "StateMachineTypeNotSupported") return "unsupported";
  if (INVALID_TOKEN.has(name)) return "invalid-token";
  if (INVALID_INPUT.has(name)) return "invalid-input";
  if (name.includes("AccessDenied")) return "access-denied";
  if (name.startsWith("ExpiredToken") || EXPIRED_CREDENTIALS.has(name)) return "expired-credentials";
  if ((status !== undefined && status >= 500) || e.$fault === "server" || isNetworkError(e)) return "unavailable";
  return "unknown";
}

/** Wraps any error thrown by an SDK call (or the network under it) as an AwsError; AwsErrors pass through. */
export function toAwsError(err: unknown, operation: string): AwsError {
  if (err instanceof AwsError) return err;
  if (isAwsFailure(err)) return new AwsError(err.kind, err.operation, err.message, { awsCode: err.awsCode, cause: err });
  const e = asErrorLike(err);
  const kind = kindOf(e);
  const name = typeof e.name === "string" ? e.name : undefined;
  const message = typeof e.message === "string" && e.message ? e.message : String(err);
  // Only errors AWS answered with carry $metadata; a bare Error's name ("Error") is no AWS code.
  const awsCode = e.$metadata !== undefined && name ? name : undefined;
  return new AwsError(kind, operation, `${operation}: ${message}`, { awsCode, cause: err });
}

/** Runs an SDK call and rethrows its failure as an AwsError naming the operation. */
export async function withAwsErrors<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toAwsError(err, operation);
  }
}

