import type { Cliff, Failure, HandledError, HistoryBudget, PayloadPeak, StateReport } from "@/lib/domain/report";
import type { StateMachineDefinition } from "../definition";
import { findRetrier } from "../error-matching";
import { formatSeconds } from "../format";
import { HISTORY_EVENT_LIMIT, PAYLOAD_LIMIT_BYTES } from "../limits";

/** Share of the payload cap, of a timeout, that counts as close to the cliff. */
export const NEAR_LIMIT_RATIO = 0.8;
/** Share of the 25,000-event history cap that counts as close: half, since a Map doubles with its items. */
export const NEAR_HISTORY_RATIO = 0.5;
/** AWS's MaxAttempts when a Retry rule leaves it out. */
const DEFAULT_MAX_ATTEMPTS = 3;

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** What findCliffs reads: the report's own figures, so the cliffs agree with the table, the graph and the headline. */
export interface CliffInputs {
  states: readonly StateReport[];
  payload: PayloadPeak;
  history: HistoryBudget;
  durationMs: number | null;
  failure: Failure | null;
  /** Retries grouped by the visit whose Retry applied (one entry into a state counts its retries afresh). */
  retriesByVisit: readonly (readonly HandledError[])[];
  definition: StateMachineDefinition | null;
}

/**
 * The limits this execution came close to without them ending it: ≥ 80% of the payload cap in a state, ≥ 80%
 * of the execution's or a Task's TimeoutSeconds, ≥ 50% of the event cap, or every retry of a Retry rule spent.
 */
export function findCliffs(inputs: CliffInputs): Cliff[] {
  const { states, payload, history, durationMs, failure, retriesByVisit, definition } = inputs;
  const cliffs: Cliff[] = [];
  const endedHere = (path: string) => failure !== null && failure.path === path;
  for (const s of states) {
    const input = s.maxInputBytes ?? -1;
    const output = s.maxOutputBytes ?? -1;
    const bytes = Math.max(input, output);
    if (bytes >= NEAR_LIMIT_RATIO * PAYLOAD_LIMIT_BYTES && !(endedHere(s.path) && failure?.kind === "payload-limit")) {
      const side = output >= input ? "output" : s.maxInputField?.endsWith(".parameters") ? "Task parameters" : "input";
      cliffs.push({ kind: "payload", path: s.path, used: bytes, limit: PAYLOAD_LIMIT_BYTES, ratio: bytes / PAYLOAD_LIMIT_BYTES, text: `${s.name}'s ${side} reached ${n(bytes)} of ${n(PAYLOAD_LIMIT_BYTES)} bytes (${pct(bytes / PAYLOAD_LIMIT_BYTES)})` });
    }
    const attemptMs = s.durationMs.maxAttempt ?? null;
    if (s.type === "Task" && s.timeoutSeconds && attemptMs !== null && !endedHere(s.path)) {
      const ratio = attemptMs / 1000 / s.timeoutSeconds;
      if (ratio >= NEAR_LIMIT_RATIO) {
        cliffs.push({ kind: "task-timeout", path: s.path, used: attemptMs / 1000, limit: s.timeoutSeconds, ratio, text: `${s.name} took ${seconds(attemptMs / 1000)} of its ${seconds(s.timeoutSeconds)} timeout (${pct(ratio)})` });
      }
    }
  }
  if (payload.path === null && payload.maxBytes !== null && payload.ratio !== null && payload.ratio >= NEAR_LIMIT_RATIO) {
    cliffs.push({ kind: "payload", path: null, used: payload.maxBytes, limit: PAYLOAD_LIMIT_BYTES, ratio: payload.ratio, text: `The execution's ${payload.field?.includes("Started") ? "input" : "output"} reached ${n(payload.maxBytes)} of ${n(PAYLOAD_LIMIT_BYTES)} bytes (${pct(payload.ratio)})` });
  }
  const timeout = definition?.timeoutSeconds ?? null;
  if (timeout && durationMs !== null && failure?.kind !== "execution-timeout") {
    const ratio = durationMs / 1000 / timeout;
    if (ratio >= NEAR_LIMIT_RATIO) {
      cliffs.push({ kind: "execution-timeout", path: null, used: durationMs / 1000, limit: timeout, ratio, text: `The execution took ${seconds(durationMs / 1000)} of its ${seconds(timeout)} TimeoutSeconds (${pct(ratio)})` });
    }
  }
  if (history.events >= NEAR_HISTORY_RATIO * HISTORY_EVENT_LIMIT && failure?.kind !== "history-limit") {
    cliffs.push({ kind: "history", path: null, used: history.events, limit: HISTORY_EVENT_LIMIT, ratio: history.ratio, text: `The history used ${n(history.events)} of ${n(HISTORY_EVENT_LIMIT)} events (${pct(history.ratio)})` });
  }
  cliffs.push(...spentRetries(retriesByVisit, definition, states));
  return cliffs;
}

/** Retry rules whose every attempt was used within one entry into a state (the next such error would have ended it). */
function spentRetries(groups: readonly (readonly HandledError[])[], definition: StateMachineDefinition | null, states: readonly StateReport[]): Cliff[] {
  if (definition === null) return [];
  const cliffs = new Map<string, Cliff>();
  for (const group of groups) {
    const counts = new Map<number, number>();
    for (const h of group) {
      if (h.handledBy.kind !== "retry") continue;
      const handlerPath = h.handlerPath ?? h.path;
      const rules = definition.states.get(handlerPath);
      const rule = h.handledBy.retrierIndex ?? (rules ? findRetrier(rules.retry, h.error) : null);
      if (!rules || rule === null || !rules.retry[rule]) continue;
      const count = (counts.get(rule) ?? 0) + 1;
      counts.set(rule, count);
      const max = rules.retry[rule]!.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const key = `${handlerPath}#${rule}`;
      if (max > 0 && count >= max && !cliffs.has(key)) {
        const name = states.find((s) => s.path === handlerPath)?.name ?? handlerPath;
        cliffs.set(key, { kind: "retries", path: handlerPath, used: count, limit: max, ratio: count / max, text: `${name} used ${max} of ${max} retries for ${h.error ?? "its error"}` });
      }
    }
  }
  return [...cliffs.values()];
}

/** Seconds as a headline reads them: lib/analysis/format's formatSeconds, the one producer of durations. */
export function seconds(value: number): string {
  return formatSeconds(value);
}
