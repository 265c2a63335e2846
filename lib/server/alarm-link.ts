import "server-only";

/**
 * The alarm name from its path segment. Alarm names may hold '%' and '/', so the link encodes them;
 * Next hands segments over encoded in some versions and decoded in others: decode once, and keep the
 * text as it is when it is not valid encoding (a literal '%').
 */
export function readAlarmSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
