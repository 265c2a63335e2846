import "server-only";
import type { ObservedMap, WorkflowType } from "@/lib/analysis/findings";
import { lintDefinition } from "@/lib/analysis/findings/lint";
import type { ExecutionReport } from "@/lib/domain/report";
import type { FindingView } from "@/lib/domain/triage";
import { Lru } from "./lru";

/** What the dashboard knows besides the definition: its type (DescribeStateMachine) and recent reports. */
export interface DefinitionFindingsInput {
  stateMachineType: WorkflowType;
  reports?: readonly ExecutionReport[];
}

// One lint per (definition, type, observed Maps): definitions change rarely and pages ask often.
const cache = new Lru<string, FindingView[]>({ entries: 128, bytes: 8 * 1024 * 1024 });

/**
 * Findings of a definition: the same lint the CLI runs (lintDefinition), for the state machine's type,
 * with inline Maps judged on the events per item that recent executions actually spent. An unreadable
 * definition has no findings here: the graph says why it can't be read.
 */
export function findingsForDefinition(definition: string, input: DefinitionFindingsInput): FindingView[] {
  const observed: ObservedMap[] = (input.reports ?? []).flatMap((r) => r.history.maps.map((m) => ({ path: m.path, eventsPerItem: m.eventsPerItem, items: m.items })));
  const key = JSON.stringify([definition, input.stateMachineType, observed]);
  const known = cache.get(key);
  if (known) return known;
  let findings: FindingView[];
  try {
    // A definition read from AWS is deployed: AWS accepted it, so asl-validator is skipped (as the CLI does for describe output).
    findings = lintDefinition(definition, { observed, stateMachineType: input.stateMachineType, deployed: true }).findings;
  } catch {
    findings = [];
  }
  cache.set(key, findings);
  return findings;
}
