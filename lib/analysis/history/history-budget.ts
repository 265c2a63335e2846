import type { HistoryBudget } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import { HISTORY_EVENT_LIMIT } from "../limits";

/** Events a Map's items cost: its subtree minus its own overhead (Entered, Started, Succeeded, Exited…). */
function itemEvents(subtree: number, own: number, iterationEvents: number): number {
  return subtree - own + iterationEvents;
}

/**
 * Events used of the 25,000 cap, who spent them, and for each inline Map the item count at which this
 * execution's shape would cross the cap: the smallest N with (events outside items) + N × (events per item) > 25,000.
 * Inline Map iterations write into the parent's history; a Distributed Map's children have their own.
 */
export function buildHistoryBudget(attribution: Attribution): HistoryBudget {
  const { history, visits } = attribution;
  // Ids count from 1, so the last id is the total even when only the newest page was read.
  const used = Math.max(history.lastId, history.events.length);
  const byPath = new Map<string, number>();
  const maps = new Map<string, { items: number; itemEvents: number; distributed: boolean }>();
  for (const visit of visits) {
    byPath.set(visit.path, (byPath.get(visit.path) ?? 0) + visit.events);
    if (visit.type !== "Map") continue;
    const entry = maps.get(visit.path) ?? { items: 0, itemEvents: 0, distributed: false };
    entry.items += visit.iterations;
    entry.itemEvents += itemEvents(visit.subtreeEvents, visit.events, visit.iterationEvents);
    entry.distributed ||= visit.distributedMapRun;
    maps.set(visit.path, entry);
  }
  const byState = [...byPath].filter(([, events]) => events > 0).map(([path, events]) => ({ path, events }));
  byState.sort((a, b) => b.events - a.events || a.path.localeCompare(b.path));
  const mapBudgets: HistoryBudget["maps"] = [];
  for (const [path, { items, itemEvents: spent, distributed }] of maps) {
    if (distributed) continue; // its items live in child executions' histories
    const eventsPerItem = items > 0 ? spent / items : 0;
    const fixed = used - spent;
    const itemsToLimit = eventsPerItem > 0 ? Math.max(0, Math.floor((HISTORY_EVENT_LIMIT - fixed) / eventsPerItem) + 1) : null;
    mapBudgets.push({ path, items, eventsPerItem: Math.round(eventsPerItem * 100) / 100, itemsToLimit });
  }
  return {
    events: used,
    limit: HISTORY_EVENT_LIMIT,
    ratio: used / HISTORY_EVENT_LIMIT,
    byState,
    maps: mapBudgets,
    executionEvents: attribution.executionEvents,
    unattributedEvents: attribution.unattributedEvents,
  };
}
