/**
 * Failure signatures: what makes two failures "the same failure". A signature is the state machine, the
 * path of the state where the error originated, the origin error, and the cause with its variable parts
 * (ARNs, UUIDs, request ids, timestamps, numbers, hex ids, tokens, embedded input) normalised away, so
 * that three hundred failures that differ only by request id are one line on the fleet page.
 */

/** The longest normalised cause kept in a signature (AWS causes reach 32,768 characters). */
export const MAX_NORMALISED_CAUSE_CHARS = 512;

// Order matters: the widest patterns (ARNs, URLs, timestamps) go first, so that the digits inside them
// are not turned into <n> one by one and the ARN still reads as one placeholder.
const RULES: readonly [RegExp, string][] = [
  // ARNs of any partition and service, up to a delimiter (a quote, space, comma or closing bracket).
  [/\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:[^\s"',)\]}]+/gi, "<arn>"],
  [/\bhttps?:\/\/[^\s"',)\]}]+/gi, "<url>"],
  // ISO-8601 date-times and dates (with or without a zone), then the dd/MM/yy HH:mm:ss form CloudWatch uses.
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, "<time>"],
  [/\b\d{2}\/\d{2}\/\d{2,4} \d{2}:\d{2}(?::\d{2})?/g, "<time>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  // "Request ID: X", "RequestId: X", "requestId":"X", "x-amz-request-id: X" — whatever form X takes.
  [/(request[ _-]?id["']?\s*[:=]\s*["']?)[^\s"',;)]+/gi, "$1<id>"],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, "<ip>"],
  // Hex ids of 8+ characters (commit SHAs, trace ids, X-Ray ids) — only when they hold a digit, so words pass.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>"],
  // Long opaque tokens (base64, pagination tokens): 32+ characters mixing letters and digits.
  [/\b(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}/g, "<token>"],
  // The input a JSONPath error quotes back: the execution's data, different in every execution.
  [/(in the input )'[\s\S]*?'(?=$|[\s.,;)])/gi, "$1'<input>'"],
  // Any number left: counts, ids, line numbers, sizes, durations ("event id #13", "after 300 seconds") —
  // but not digits that end a name (S3, ec2, IPv4, x86), which say what failed rather than which one.
  [/(?<![A-Za-z\d])\d+(?:\.\d+)?/g, "<n>"],
];

// HTTP status codes say which failure it was (404 vs 500): kept as they are when labelled as such.
const STATUS_CODE = /(status[ _-]?code["']?\s*[:=]?\s*)(\d{3})\b/gi;

/** The cause with its variable parts replaced by placeholders (<arn>, <uuid>, <n>, …), whitespace collapsed. */
export function normaliseCause(cause: string | null | undefined): string {
  if (!cause) return "";
  // Bound the work: a 32 KiB cause normalises in linear time, but only its head is kept anyway.
  let text = cause.slice(0, MAX_NORMALISED_CAUSE_CHARS * 4);
  const kept: string[] = [];
  text = text.replace(STATUS_CODE, (_m, label: string, code: string) => `${label}\u0000${kept.push(code) - 1}\u0000`);
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  text = text.replace(/\u0000<n>\u0000/g, () => kept.shift() ?? "<n>");
  return text.replace(/\s+/g, " ").trim().slice(0, MAX_NORMALISED_CAUSE_CHARS);
}

/** What a signature is made of. */
export interface SignatureParts {
  /** The state machine's own ARN (a version or alias ARN is reduced to it: one signature across versions). */
  stateMachineArn: string;
  /** Path of the state where the error originated; null when it belongs to no state (execution timeout). */
  originPath: string | null;
  originError: string | null;
  /** The normalised cause (normaliseCause). */
  normalisedCause: string;
}

/** The state machine ARN without a version number or alias name (`stateMachine:{name}:{version|alias}`). */
export function toBaseStateMachineArn(arn: string): string {
  const parts = arn.split(":");
  // arn:partition:states:region:account:stateMachine:name[:qualifier]
  return parts.length > 7 && parts[5] === "stateMachine" ? parts.slice(0, 7).join(":") : arn;
}

/** The signature's parts from one failure (origin error and raw cause). */
export function toSignatureParts(input: { stateMachineArn: string; originPath: string | null; originError: string | null; originCause: string | null }): SignatureParts {
  return {
    stateMachineArn: toBaseStateMachineArn(input.stateMachineArn),
    originPath: input.originPath,
    originError: input.originError,
    normalisedCause: normaliseCause(input.originCause),
  };
}

// FNV-1a over UTF-16 code units, two independent 32-bit lanes (different offsets) → 64 bits of id.
function fnv1a(text: string, offset: number): number {
  let hash = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A stable 16-hex-digit id of a signature (the same parts give the same id in every process and database). */
export function buildSignatureId(parts: SignatureParts): string {
  // \u001f cannot occur in an ARN or a state path, so the fields can't run into one another.
  const key = [parts.stateMachineArn, parts.originPath ?? "", parts.originError ?? "", parts.normalisedCause].join("\u001f");
  const hi = fnv1a(key, 0x811c9dc5).toString(16).padStart(8, "0");
  const lo = fnv1a(key, 0x050c5d1f).toString(16).padStart(8, "0");
  return hi + lo;
}
