/**
 * CloudWatch alarm ARNs and the alarm view's link, `/alarms/{region}/{alarm name}?at=&from=&to=`:
 * parsed strictly, so a bad link gets a 400 saying what was expected before anything asks AWS.
 */

/** An alarm ARN, `arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}` (the name may hold colons). */
export interface AlarmArn {
  arn: string;
  partition: string;
  region: string;
  account: string;
  alarmName: string;
}

/** What a well-formed alarm view link looks like (shown on the 400 page). */
export const ALARM_LINK_EXPECTED = "/alarms/{region}/{alarm name, URL-encoded}?at={ISO time}&from={ISO time}&to={ISO time}";

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
// CloudWatch alarm names: 1–255 characters, no ASCII control characters.
const ALARM_NAME = /^[^\u0000-\u001f\u007f]{1,255}$/u;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):cloudwatch:([a-z0-9-]+):(\d{12}):alarm:(.+)$/su;

/** Is this an AWS region code (us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1)? */
export function isRegion(value: string): boolean {
  return REGION.test(value);
}

/** Is this a name CloudWatch accepts for an alarm? */
export function isAlarmName(value: string): boolean {
  return ALARM_NAME.test(value);
}

/** Parses an alarm ARN; null when the text is not one. */
export function parseAlarmArn(text: string): AlarmArn | null {
  const m = ARN.exec(text);
  if (!m) return null;
  const [, partition, region, account, alarmName] = m;
  if (!partition || !region || !account || !alarmName || !isRegion(region) || !isAlarmName(alarmName)) return null;
  return { arn: text, partition, region, account, alarmName };
}

/** A time in an alarm link: ISO 8601 that Date can read. */
export function isLinkTime(value: string): boolean {
  return value.length <= 40 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && Number.isFinite(Date.parse(value));
}

// A breach window wider than this is no breach window (CloudWatch evaluates at most 1 day of periods).
const MAX_WINDOW_MS = 7 * 86_400_000;

/** Why an alarm view link can't be used, or null when it can. `segments` are the decoded path parts after /alarms. */
export function checkAlarmLink(segments: string[], params: URLSearchParams): string | null {
  if (segments.length !== 2) return "An alarm link names a region and an alarm: /alarms/{region}/{alarm name}.";
  const [region, name] = segments as [string, string];
  if (!isRegion(region)) return `"${region.slice(0, 40)}" is not an AWS region code (like us-east-1).`;
  if (!isAlarmName(name)) return "An alarm name is 1 to 255 characters with no control characters.";
  for (const key of ["at", "from", "to"]) {
    const value = params.get(key);
    if (value !== null && !isLinkTime(value)) return `"${key}" must be an ISO time (like 2026-12-01T20:34:00Z).`;
  }
  const from = params.get("from");
  const to = params.get("to");
  if ((from === null) !== (to === null)) return "Give both from and to, or neither.";
  if (from !== null && to !== null) {
    const span = Date.parse(to) - Date.parse(from);
    if (span <= 0) return "from must be before to.";
    if (span > MAX_WINDOW_MS) return "A breach window is at most 7 days long.";
  }
  return null;
}
