import { HISTORY_EVENT_LIMIT } from "../limits";
import { estimateEventsPerItem } from "./estimate-map-events";
import type { Finding, ObservedMap } from "./finding";
import type { StateContext } from "./state-context";

/** AWS runs at most this many inline Map iterations at once, whatever MaxConcurrency says. */
const INLINE_CONCURRENCY_CAP = 40;
/** Distributed Map's default: up to this many child executions at once. */
const DISTRIBUTED_DEFAULT_CONCURRENCY = 10_000;

function historyRisk({ state, ancestors, model }: StateContext, observed: readonly ObservedMap[]): Finding | null {
  if (state.map?.mode !== "INLINE") return null;
  const seen = observed.find((o) => o.path === state.path && o.eventsPerItem > 0);
  const eventsPerItem = seen ? seen.eventsPerItem : estimateEventsPerItem(model, state);
  const itemsToLimit = Math.floor(HISTORY_EVENT_LIMIT / eventsPerItem);
  const source = seen ? "observed" : "estimated";
  const per = Number.isInteger(eventsPerItem) ? String(eventsPerItem) : eventsPerItem.toFixed(1);
  const how = seen ? "observed in executions" : "estimated from the processor's shape (every state once, no retries)";
  const outer = ancestors.find((a) => a.map?.mode === "INLINE");
  const nested = outer ? ` It runs inside Map "${outer.name}": multiply by that Map's item count.` : "";
  const close = seen?.items !== undefined && seen.items * eventsPerItem >= HISTORY_EVENT_LIMIT / 2;
  return {
    code: "inline-map-history-risk",
    severity: close ? "warning" : "info",
    path: state.path,
    message:
      `Inline Map "${state.name}" adds about ${per} history events per item (${how}): ` +
      `about ${itemsToLimit.toLocaleString("en-US")} items reach the ${HISTORY_EVENT_LIMIT.toLocaleString("en-US")}-event limit, and the execution fails.` +
      (seen?.items !== undefined ? ` The observed execution had ${seen.items.toLocaleString("en-US")} items.` : "") +
      nested,
    fix: "For large or growing item counts use a Distributed Map (each item gets its own history), or batch items.",
    data: { eventsPerItem, itemsToLimit, source, observedItems: seen?.items ?? null },
  };
}

function concurrencyUnbounded({ state }: StateContext): Finding | null {
  if (!state.map || state.map.maxConcurrencyDynamic) return null;
  if (state.map.maxConcurrency !== null && state.map.maxConcurrency !== 0) return null;
  const distributed = state.map.mode === "DISTRIBUTED";
  const what = state.map.maxConcurrency === 0 ? "MaxConcurrency 0 (unbounded)" : "no MaxConcurrency";
  return {
    code: "map-concurrency-unbounded",
    severity: distributed ? "warning" : "info",
    path: state.path,
    message: distributed
      ? `Distributed Map "${state.name}" has ${what}: up to ${DISTRIBUTED_DEFAULT_CONCURRENCY.toLocaleString("en-US")} child executions run at once and can throttle what they call.`
      : `Inline Map "${state.name}" has ${what}: as many iterations as AWS allows (${INLINE_CONCURRENCY_CAP}) call downstream services at once.`,
    fix: "Set MaxConcurrency to what the services the items call can take.",
  };
}

/** Findings about a Map: history growth of inline Maps, unbounded concurrency. */
export function findMapFindings(context: StateContext, observed: readonly ObservedMap[]): Finding[] {
  return [historyRisk(context, observed), concurrencyUnbounded(context)].filter((f): f is Finding => f !== null);
}
