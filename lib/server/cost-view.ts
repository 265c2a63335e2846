import "server-only";
import { estimateCost } from "@/lib/analysis/cost";
import type { ExecutionReport } from "@/lib/domain/report";
import type { StateMachineView } from "@/lib/domain/state-machine-view";

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Cost per execution and per month at the observed rate, from recent reports, with Express beside it. */
export function estimateFleetCost(reports: readonly ExecutionReport[], region: string, executionsPerMonth: number | null): StateMachineView["cost"] {
  const transitions = mean(reports.map((r) => r.transitions));
  if (transitions === null) {
    return { transitionsPerExecution: null, standardUsdPerExecution: null, executionsPerMonth, standardUsdPerMonth: null, expressUsdPerMonth: null, assumptions: [] };
  }
  const durationMs = mean(reports.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs])));
  const dataBytes = Math.max(0, ...reports.map((r) => r.payload.maxBytes ?? 0));
  const estimate = estimateCost({ transitions, durationMs, region, executionsPerMonth, definitionBytes: null, dataBytes });
  return {
    transitionsPerExecution: transitions,
    standardUsdPerExecution: estimate.standardUsd,
    executionsPerMonth,
    standardUsdPerMonth: estimate.monthly?.standardUsd ?? null,
    expressUsdPerMonth: estimate.monthly?.expressUsd ?? null,
    assumptions: [
      `Averaged over ${reports.length} recent executions; executions a month extrapolated from ExecutionsStarted in the window.`,
      ...estimate.express.assumptions,
      ...estimate.notes,
    ],
  };
}
