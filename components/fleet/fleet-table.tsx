import Link from "next/link";
import type { FleetExecution } from "@/lib/domain/fleet";
import { routes } from "@/lib/routes";
import { formatDuration } from "@/lib/analysis/format";
import { Time } from "../common/time";

interface Props {
  executions: FleetExecution[];
  /** ARNs that arrived after the page was opened. */
  arrived: ReadonlySet<string>;
  /** Leave out the state machine column (on the state machine's own page). */
  hideStateMachine?: boolean;
}

/** Failing and timed-out executions, newest first. */
export function FleetTable({ executions, arrived, hideStateMachine = false }: Props) {
  if (executions.length === 0) return <p className="muted">No failing or timed-out executions match.</p>;
  return (
    <div className="table-scroll">
    <table aria-label="Failing executions" className="stack-table">
      <thead>
        <tr>
          {hideStateMachine ? null : <th>State machine</th>}
          <th>Execution</th>
          <th>Status</th>
          <th>Failed state</th>
          <th>Error</th>
          <th className="hide-small">Started</th>
          <th>Stopped</th>
          <th className="num">Duration</th>
        </tr>
      </thead>
      <tbody>
        {executions.map((e) => (
          <tr key={e.executionArn} data-testid="fleet-row" data-status={e.status} data-new={arrived.has(e.executionArn) || undefined}>
            {hideStateMachine ? null : (
              <td className="wide">
                <Link href={routes.stateMachine(e.stateMachineArn)}>{e.stateMachineName}</Link>
                <div className="muted">{e.region}</div>
              </td>
            )}
            <td className="wide">
              <Link href={routes.execution(e.executionArn)}>{e.name}</Link>
              {arrived.has(e.executionArn) ? <span className="new-badge">NEW</span> : null}
            </td>
            <td className={`status status-${e.status}`}>{e.status}</td>
            <td>{e.failedPath ?? e.failedState ?? <span className="muted">—</span>}</td>
            <td className="wide">
              {e.error ? <code className="arn">{e.error}</code> : <span className="muted">—</span>}
              {e.cause ? <div className="muted" title={e.cause}>{e.cause.length > 140 ? `${e.cause.slice(0, 140)}…` : e.cause}</div> : null}
            </td>
            <td className="hide-small"><Time iso={e.startDate} /></td>
            <td><Time iso={e.stopDate} /></td>
            <td className="num">{formatDuration(e.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
