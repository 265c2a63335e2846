import "server-only";
import { findDefinitionFindings, type ObservedMap } from "@/lib/analysis/findings";
import type { ExecutionReport } from "@/lib/domain/report";
import type { FindingView } from "@/lib/domain/triage";

/**
 * Findings of a definition, with inline Maps judged on the events per item that recent executions
 * actually spent. An unreadable definition has no findings here: the graph says why it can't be read.
 */
export function findingsForDefinition(definition: string, reports: readonly ExecutionReport[] = []): FindingView[] {
  const observed: ObservedMap[] = reports.flatMap((r) => r.history.maps.map((m) => ({ path: m.path, eventsPerItem: m.eventsPerItem, items: m.items })));
  try {
    return findDefinitionFindings(definition, { observed });
  } catch {
    return [];
  }
}
