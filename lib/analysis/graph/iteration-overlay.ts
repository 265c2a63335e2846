import { PAYLOAD_LIMIT_BYTES } from "../limits";
import type { StateOutcome, StateReport } from "@/lib/domain/report";
import type { TimelineEvent } from "@/lib/domain/triage";
import { describeOutcome, type GraphOverlay, type StateOverlay } from "./overlay";

/** Map iterations an overlay's Map state started (0 when none, or not a Map). */
export function countMapIterations(overlay: GraphOverlay | null, mapPath: string): number {
  return overlay?.byPath[mapPath]?.state?.mapIterations ?? 0;
}

function iterationOutcome(events: readonly TimelineEvent[], base: StateOverlay): { outcome: StateOutcome; stopped: boolean } {
  const exited = events.some((e) => e.type.endsWith("StateExited"));
  const retried = events.some((e) => e.isRetry);
  const lastError = [...events].reverse().find((e) => e.isError) ?? null;
  if (exited) return { outcome: retried ? "retried-succeeded" : lastError ? "caught" : "succeeded", stopped: false };
  if (lastError) return { outcome: lastError.type.endsWith("TimedOut") ? "timed-out" : "failed", stopped: false };
  if (base.outcome === "running") return { outcome: "running", stopped: false };
  // Entered and never left, with no error of its own: the Map (or the execution) ended around it.
  return { outcome: "not-reached", stopped: true };
}

function iterationReport(base: StateReport | null, path: string, events: readonly TimelineEvent[]): StateReport {
  const visits = new Set(events.map((e) => e.visit)).size;
  const retries = events.filter((e) => e.isRetry).length;
  const max = (rows: TimelineEvent[]) => rows.reduce<number | null>((m, e) => (e.payloadBytes === null ? m : Math.max(m ?? 0, e.payloadBytes)), null);
  const input = max(events.filter((e) => e.type.endsWith("StateEntered")));
  const output = max(events.filter((e) => e.type.endsWith("StateExited")));
  const span = events.length > 0 ? Math.max(...events.map((e) => e.elapsedMs)) - Math.min(...events.map((e) => e.elapsedMs)) : 0;
  const error = [...events].reverse().find((e) => e.isError) ?? null;
  const peak = Math.max(input ?? -1, output ?? -1);
  return {
    ...(base ?? { path, name: path.split("/").at(-1) ?? path, type: "Task", outcome: "not-reached", lastInputBytes: null, lastOutputBytes: null }),
    entered: visits,
    attempts: base && base.attempts > 0 ? visits + retries : 0,
    retries,
    events: events.length,
    durationMs: { total: span, max: span, last: span },
    maxInputBytes: input,
    maxOutputBytes: output,
    headroomBytes: peak < 0 ? null : PAYLOAD_LIMIT_BYTES - peak,
    ...(error ? { lastError: { error: error.error, cause: error.cause, eventId: error.id } } : {}),
  } as StateReport;
}

/**
 * The overlay as one Map iteration saw it: the Map's descendants painted from that iteration's events
 * (the event view's rows, which the analyser attributed), everything else as the whole execution saw it.
 * `events` are rows of the Map's descendant states, any order; rows of other iterations are ignored.
 */
export function buildIterationOverlay(overlay: GraphOverlay, mapPath: string, iteration: number, events: readonly TimelineEvent[]): GraphOverlay {
  const prefix = `${mapPath}/`;
  const byEvents = new Map<string, TimelineEvent[]>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    if (e.iteration !== iteration || e.path === null || !e.path.startsWith(prefix)) continue;
    byEvents.set(e.path, [...(byEvents.get(e.path) ?? []), e]);
  }
  const byPath: Record<string, StateOverlay> = {};
  for (const [path, base] of Object.entries(overlay.byPath)) {
    if (!path.startsWith(prefix)) {
      byPath[path] = base;
      continue;
    }
    const rows = byEvents.get(path) ?? [];
    const { outcome, stopped } = rows.length > 0 ? iterationOutcome(rows, base) : { outcome: "not-reached" as const, stopped: false };
    const origin = base.origin && (outcome === "failed" || outcome === "timed-out");
    const state = rows.length > 0 ? iterationReport(base.state, path, rows) : null;
    const described = describeOutcome(outcome, origin, base.final && rows.length > 0);
    const maxPayloadBytes = state ? (Math.max(state.maxInputBytes ?? -1, state.maxOutputBytes ?? -1) < 0 ? null : Math.max(state.maxInputBytes ?? -1, state.maxOutputBytes ?? -1)) : null;
    byPath[path] = {
      ...base,
      outcome,
      origin,
      final: base.final && rows.length > 0,
      icon: stopped ? "◼" : described.icon,
      label: stopped ? "◼ stopped unfinished (its Map ended)" : described.label,
      state: state ? { ...state, outcome } : null,
      handled: base.handled.filter((h) => rows.some((r) => r.id === h.eventId)),
      maxPayloadBytes,
      payloadRatio: maxPayloadBytes === null ? null : maxPayloadBytes / PAYLOAD_LIMIT_BYTES,
    };
  }
  return { ...overlay, byPath };
}
