import { utf8ByteLength } from "./bytes";

/**
 * With payloads hidden (SFN_TRIAGE_HIDE_PAYLOADS=1), error causes must not carry payload text either.
 * AWS quotes payloads inside some causes: States.Runtime names "the input '{…}'" a JSONPath was not found
 * in; a Map says a *Path "refers to value \"…\""; a Task's cause is often the task's own error output as
 * JSON (a Lambda's errorMessage, a child execution's Input, an ECS task description). What stays: the
 * state name, the error, the JSONPath and field names, and the message's shape.
 */

const REDACTED = (text: string) => `<payload hidden: ${utf8ByteLength(text)} bytes>`;

// AWS writes these with the payload in single quotes after a fixed phrase; the payload may itself hold
// quotes, so the quoted span runs to the last quote before the end or before the next sentence AWS adds.
const QUOTED_AFTER = /\b(in the input|the input|the output|the result|The Parameters|the value|the payload) '([\s\S]*)'(?=\s*$|\.\s|\s*\(|\s*:|\s+could\b)/g;
const DOUBLE_QUOTED_VALUE = /\b(refers to value) "((?:[^"\\]|\\.)*)"/g;

// Keys whose values name an error or a status rather than carry data.
const KEPT_KEYS = new Set(["Error", "errorType", "ErrorCode", "Status", "code", "__type", "resourceType", "type"]);

function redactJson(value: unknown, key: string | null): unknown {
  if (Array.isArray(value)) return value.map((item) => redactJson(item, null));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, k)]));
  }
  if (typeof value === "string") return key !== null && KEPT_KEYS.has(key) ? value : REDACTED(value);
  if (typeof value === "number") return key !== null && KEPT_KEYS.has(key) ? value : "<hidden>";
  return value;
}

/** A cause with every payload AWS quoted in it replaced by its size; the rest of the message unchanged. */
export function redactCause(cause: string): string {
  const trimmed = cause.trim();
  if ((trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
    try {
      return JSON.stringify(redactJson(JSON.parse(trimmed), null));
    } catch {
      // Not JSON after all: fall through to the quoted forms, then to hiding it whole.
    }
    return REDACTED(cause);
  }
  return cause
    .replace(QUOTED_AFTER, (_match, phrase: string, quoted: string) => `${phrase} '${REDACTED(quoted)}'`)
    .replace(DOUBLE_QUOTED_VALUE, (_match, phrase: string, quoted: string) => `${phrase} "${REDACTED(quoted)}"`);
}
