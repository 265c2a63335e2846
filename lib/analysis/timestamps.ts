/**
 * Event timestamps: a Date from the SDK, an ISO string from JSON ("2024-01-01T00:00:01Z" from our API,
 * "2024-01-01T00:00:01.123000+00:00" from AWS CLI v2), epoch seconds from the raw API or AWS CLI v1. Date.parse costs ~300 ns on this machine, a
 * quarter of the analyser's budget per event, so the usual shapes are read by hand and the rest by Date.parse.
 */

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};
const two = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// The largest time a JS Date can hold (ECMA-262: ±8.64e15 ms).
const MAX_DATE_MS = 8.64e15;
const DASH = 45;
const COLON = 58;
const T = 84;
const DOT = 46;
const Z = 90;
const PLUS = 43;
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of "YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)", or NaN when the text has another shape. */
function parseIsoFast(text: string): number {
  const n = text.length;
  if (
    n < 20 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return Number.NaN;
  }
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  // NaN fails every comparison, so a non-digit anywhere falls through to Date.parse.
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  if (day > DAYS_IN_MONTH[month]! || (month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0)))) {
    return Number.NaN;
  }
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === DOT) {
    let scale = 100;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === Z && i + 1 === n) {
    offsetMinutes = 0;
  } else if ((zone === PLUS || zone === DASH) && i + 6 === n && text.charCodeAt(i + 3) === COLON) {
    offsetMinutes = (zone === PLUS ? 1 : -1) * (two(text, i + 1) * 60 + two(text, i + 4));
    if (Number.isNaN(offsetMinutes)) return Number.NaN;
  } else {
    return Number.NaN;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}

/** Epoch milliseconds of an event timestamp; NaN when unreadable. */
export function toEpochMs(timestamp: unknown): number {
  if (typeof timestamp === "string") {
    const fast = parseIsoFast(timestamp);
    return Number.isNaN(fast) ? Date.parse(timestamp) : fast;
  }
  if (timestamp instanceof Date) return timestamp.getTime();
  if (typeof timestamp === "number") {
    if (!Number.isFinite(timestamp)) return Number.NaN;
    // The raw API (and AWS CLI v1's default output) gives epoch seconds; below 1e11 cannot be milliseconds of this era.
    const ms = timestamp < 1e11 ? Math.round(timestamp * 1000) : timestamp;
    return Math.abs(ms) <= MAX_DATE_MS ? ms : Number.NaN;
  }
  return Number.NaN;
}

/** The ISO form of an event timestamp (strings are kept as AWS wrote them); null when unreadable. */
export function toIsoString(timestamp: unknown): string | null {
  if (typeof timestamp === "string") return Number.isNaN(toEpochMs(timestamp)) ? null : timestamp;
  if (timestamp instanceof Date) return Number.isNaN(timestamp.getTime()) ? null : timestamp.toISOString();
  if (typeof timestamp === "number") {
    const ms = toEpochMs(timestamp);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  return null;
}
