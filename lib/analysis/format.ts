// Every number on screen is formatted here, once: durations, bytes, money, counts, percentages and times.
// Pure (no clock: an age is computed from the `now` the caller passes), so the server's first paint and the
// browser's refresh print the same text for the same value.

const EN = "en-US";
const DASH = "—";
const known = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);

/** One decimal below ten, whole above: "3.2", "45". */
function short(n: number): string {
  return n < 10 ? (Math.round(n * 10) / 10).toString() : Math.round(n).toString();
}

/** A duration in on-call words: 850 ms, 3.2 s, 45 s, 4 min 10 s, 3 h 2 min, 2 d 4 h. */
export function formatDuration(ms: number | null | undefined): string {
  if (!known(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = ms / 1000;
  if (totalSeconds < 60) return `${short(totalSeconds)} s`;
  const s = Math.round(totalSeconds);
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** A setting in seconds (TimeoutSeconds, a retry wait) in the same words as a duration; ∞ when unbounded. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === Infinity) return "∞";
  return formatDuration(known(seconds) ? seconds * 1000 : seconds);
}

/** Bytes for reading: "812 B", "12.4 KiB", "256 KiB", "1.5 MiB". The exact count is formatBytesExact. */
export function formatBytes(bytes: number | null | undefined): string {
  if (!known(bytes)) return "unknown";
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const kib = bytes / 1024;
  if (kib < 1024) return `${kib < 100 ? (Math.round(kib * 10) / 10).toString() : Math.round(kib).toString()} KiB`;
  const mib = kib / 1024;
  return `${mib < 100 ? (Math.round(mib * 10) / 10).toString() : Math.round(mib).toString()} MiB`;
}

/** Bytes to the byte, with separators: "262,144 B" (for hover text and wherever exactness is the point). */
export function formatBytesExact(bytes: number | null | undefined): string {
  if (!known(bytes)) return "unknown";
  return `${Math.round(bytes).toLocaleString(EN)} B`;
}

/** A count with separators: "25,000". */
export function formatCount(n: number | null | undefined): string {
  if (!known(n)) return DASH;
  return Math.round(n).toLocaleString(EN);
}

/** A mean or rate with at most one decimal and separators: "3.5", "1,204", "930". */
export function formatDecimal(n: number | null | undefined): string {
  if (!known(n)) return DASH;
  return (Math.round(n * 10) / 10).toLocaleString(EN, { maximumFractionDigits: 1 });
}

/** A ratio as a percent with one decimal: 0.0423 → "4.2%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (!known(ratio)) return DASH;
  return `${(ratio * 100).toFixed(1)}%`;
}

/** US dollars: cents above a dollar cent ("$12.40", "$1,204.00"); small per-execution prices keep three significant digits ("$0.000125"). */
export function formatUsd(usd: number | null | undefined): string {
  if (!known(usd)) return DASH;
  if (usd === 0) return "$0";
  if (Math.abs(usd) >= 0.01) return `$${usd.toLocaleString(EN, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${Number(usd.toPrecision(3)).toLocaleString(EN, { maximumSignificantDigits: 3 })}`;
}

/** "2026-11-23 15:04:05 UTC": every time on screen is UTC; local time is on hover. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return DASH;
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** How long ago, in words: "just now" under five seconds, then "12 s ago", "4 min ago", "3 h ago". */
export function formatAge(thenMs: number | null | undefined, nowMs: number): string {
  if (!known(thenMs)) return DASH;
  const age = Math.max(0, nowMs - thenMs);
  if (age < 5000) return "just now";
  const s = Math.floor(age / 1000);
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
