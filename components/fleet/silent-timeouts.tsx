import Link from "next/link";
import type { SilentTimeout } from "@/lib/analysis/fleet/fleet-views";
import type { FleetStateMachine } from "@/lib/domain/fleet";
import { routes } from "@/lib/routes";
import { Time } from "../common/time";

interface Props {
  timeouts: SilentTimeout[];
  unboundedTasks: { stateMachine: FleetStateMachine; path: string }[];
}

/** Timeouts nobody was alerted to, and Task states that can wait up to 99,999,999 s. */
export function SilentTimeouts({ timeouts, unboundedTasks }: Props) {
  return (
    <section className="panel" aria-labelledby="silent-timeouts-title" data-testid="silent-timeouts">
      <h2 id="silent-timeouts-title">Silent timeouts</h2>
      {timeouts.length === 0 ? (
        <p className="muted">No timeouts on unwatched state machines.</p>
      ) : (
        <ul>
          {timeouts.slice(0, 20).map(({ execution, reason }) => (
            <li key={execution.executionArn} data-testid="silent-timeout">
              <Link href={routes.execution(execution.executionArn)}>{execution.stateMachineName} / {execution.name}</Link>{" "}
              <span className={`status status-${execution.status}`}>{execution.status}</span>{" "}
              {execution.error ? <code>{execution.error}</code> : null} <Time iso={execution.stopDate} />
              <div className="muted">{reason}</div>
            </li>
          ))}
          {timeouts.length > 20 ? <li className="muted">…and {timeouts.length - 20} more</li> : null}
        </ul>
      )}
      <h3>Tasks with no timeout</h3>
      {unboundedTasks.length === 0 ? (
        <p className="muted">Every Task state has a TimeoutSeconds.</p>
      ) : (
        <ul>
          {unboundedTasks.map(({ stateMachine, path }) => (
            <li key={`${stateMachine.stateMachineArn}|${path}`} data-testid="unbounded-task">
              <Link href={routes.stateMachine(stateMachine.stateMachineArn)}>{stateMachine.name}</Link> › <code>{path}</code>{" "}
              <span className="muted">waits up to 99,999,999 s (≈3.2 years; the execution ends at 1 year) if its worker never answers</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
