import type { GraphState } from "@/lib/analysis/graph/state-graph-model";
import type { StateOverlay } from "@/lib/analysis/graph/overlay";
import { describeRetryPolicy, formatSeconds, totalWorstCaseRetryWaitSeconds } from "@/lib/analysis/graph/retry-policy";
import { formatBytes, formatBytesExact, formatCount, formatDecimal, formatDuration } from "@/lib/analysis/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";

/** A finding as the graph needs it (`Finding` from lib/analysis/findings and the pages' `FindingView` both fit). */
export interface GraphFinding {
  code: string;
  severity: "error" | "warning" | "info";
  path: string | null;
  message: string;
  fix?: string;
}

/** Per-state figures over recent executions (the state machine page). */
export interface StateAggregateFigures {
  failures: number;
  timeouts: number;
  maxBytes: number | null;
  p95Bytes: number | null;
  eventsPerExecution: number;
}

/** A small labelled figure on a node. Tone adds colour; the text always says it too. */
export interface Badge {
  key: string;
  text: string;
  title: string;
  tone: "neutral" | "warn" | "bad";
}

const LIMIT = PAYLOAD_LIMIT_BYTES;

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const payloadTone = (ratio: number): Badge["tone"] => (ratio >= 0.9 ? "bad" : ratio >= 0.5 ? "warn" : "neutral");
const SEVERITY = { error: { icon: "✕", word: "error" }, warning: { icon: "⚠", word: "warning" }, info: { icon: "ℹ", word: "note" } };

function definitionBadges(state: GraphState, findings: readonly GraphFinding[]): Badge[] {
  const badges: Badge[] = [];
  if (state.retry.length > 0) {
    const wait = totalWorstCaseRetryWaitSeconds(state.retry);
    badges.push({ key: "retry", text: `↻ Retry ≤ ${formatSeconds(wait)}`, title: [...state.retry.map(describeRetryPolicy), `worst-case total wait ${formatSeconds(wait)}`].join("\n"), tone: "neutral" });
  }
  if (state.timeout?.seconds != null) badges.push({ key: "timeout", text: `timeout ${formatSeconds(state.timeout.seconds)}`, title: "TimeoutSeconds", tone: "neutral" });
  for (const severity of ["error", "warning", "info"] as const) {
    const count = findings.filter((f) => f.severity === severity).length;
    if (count === 0) continue;
    const { icon, word } = SEVERITY[severity];
    badges.push({ key: `findings-${severity}`, text: `${icon} ${count} ${word}${count > 1 ? "s" : ""}`, title: findings.filter((f) => f.severity === severity).map((f) => f.code).join(", "), tone: severity === "error" ? "bad" : severity === "warning" ? "warn" : "neutral" });
  }
  return badges;
}

function executionBadges(overlay: StateOverlay): Badge[] {
  const badges: Badge[] = [];
  const s = overlay.state;
  if (overlay.maxPayloadBytes !== null && overlay.payloadRatio !== null) {
    badges.push({ key: "payload", text: `⇅ ${formatBytes(overlay.maxPayloadBytes)} · ${percent(overlay.payloadRatio)}`, title: `Largest payload ${formatBytesExact(overlay.maxPayloadBytes)} of ${formatBytesExact(LIMIT)}`, tone: payloadTone(overlay.payloadRatio) });
  }
  if (!s) return badges;
  badges.push({ key: "events", text: `≡ ${formatCount(s.events)} events`, title: "History events this state spent (its own)", tone: "neutral" });
  if (s.retries > 0) badges.push({ key: "retries", text: `↻ ${s.retries} retr${s.retries === 1 ? "y" : "ies"}`, title: `${s.attempts} attempts`, tone: "warn" });
  if (s.durationMs.total > 0) badges.push({ key: "time", text: `time ${formatDuration(s.durationMs.total)}`, title: "Time spent in the state (all entries)", tone: "neutral" });
  return badges;
}

function aggregateBadges(a: StateAggregateFigures): Badge[] {
  const badges: Badge[] = [];
  if (a.failures > 0) badges.push({ key: "failures", text: `✕ ${a.failures} failed`, title: "Executions that failed here", tone: "bad" });
  if (a.timeouts > 0) badges.push({ key: "timeouts", text: `◷ ${a.timeouts} timed out`, title: "Executions that timed out here", tone: "bad" });
  if (a.maxBytes !== null) {
    const p95 = a.p95Bytes === null ? "" : `p95 ${formatBytes(a.p95Bytes)} · `;
    badges.push({ key: "payload", text: `⇅ ${p95}max ${percent(a.maxBytes / LIMIT)}`, title: `Largest payload ${formatBytesExact(a.maxBytes)} of ${formatBytesExact(LIMIT)}`, tone: payloadTone(a.maxBytes / LIMIT) });
  }
  badges.push({ key: "events", text: `≡ ${formatDecimal(a.eventsPerExecution)} ev/exec`, title: "History events per execution", tone: "neutral" });
  return badges;
}

/** Badges for one node: execution figures first (they answer the page), then aggregates, then the definition's. */
export function buildBadges(state: GraphState, overlay: StateOverlay | null, aggregate: StateAggregateFigures | null, findings: readonly GraphFinding[]): Badge[] {
  return [...(overlay ? executionBadges(overlay) : []), ...(aggregate ? aggregateBadges(aggregate) : []), ...definitionBadges(state, findings)];
}
