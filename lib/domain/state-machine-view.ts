import type { FleetExecution, FleetStateMachine, PollError } from "./fleet";
import type { ExecutionMetrics } from "./metrics";
import type { StateMachineDescription } from "./state-machine";
import type { FindingView } from "./triage";

/** Per-state figures over the recent executions the server has analysed. */
export interface StateAggregate {
  path: string;
  executions: number;
  failures: number;
  timeouts: number;
  maxBytes: number | null;
  p95Bytes: number | null;
  eventsPerExecution: number;
}

/** Everything the state machine page shows. */
export interface StateMachineView {
  stateMachine: StateMachineDescription;
  /** From the fleet poller: counts, alarms, p99. Null until the poller has seen it. */
  fleet: FleetStateMachine | null;
  findings: FindingView[];
  metrics: ExecutionMetrics | null;
  metricsError: PollError | null;
  window: { from: string; to: string };
  failing: FleetExecution[];
  aggregates: StateAggregate[];
  /** Executions the aggregates and cost are computed over. */
  analysedExecutions: number;
  cost: {
    transitionsPerExecution: number | null;
    standardUsdPerExecution: number | null;
    executionsPerMonth: number | null;
    standardUsdPerMonth: number | null;
    expressUsdPerMonth: number | null;
    assumptions: string[];
  };
  /** Text to paste into an alarm's AlarmDescription so its notification links here. */
  alarmDescriptionSuggestion: string;
  fetchedAt: string;
}
