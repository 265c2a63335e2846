import type { Attribution } from "./attribution";

/**
 * State transitions billed for the execution: one per state entered (one *StateEntered event) plus one per
 * retry (a re-scheduled Task, a restarted Map/Parallel), summed over runs since a redrive bills its
 * re-runs again. AWS does not document how Map and Parallel are counted; this is the AWS-FACTS.md rule.
 */
export function countTransitions(attribution: Attribution): { total: number; perRun: number[] } {
  const perRun = attribution.runs.map((run) => run.transitions);
  let total = 0;
  for (const count of perRun) total += count;
  return { total, perRun };
}
