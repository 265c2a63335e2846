import Link from "next/link";
import type { FleetStateMachine } from "@/lib/domain/fleet";
import { routes } from "@/lib/routes";

/** Every state machine the server can see, with its failing counts and whether an alarm watches it. */
export function StateMachineTable({ stateMachines }: { stateMachines: FleetStateMachine[] }) {
  if (stateMachines.length === 0) return <p className="muted">No state machines found in the configured regions.</p>;
  return (
    <table aria-label="State machines">
      <thead>
        <tr>
          <th>State machine</th>
          <th>Type</th>
          <th>Region</th>
          <th className="num">Failed</th>
          <th className="num">Timed out</th>
          <th className="num">Running</th>
          <th>Alarms</th>
        </tr>
      </thead>
      <tbody>
        {stateMachines.map((sm) => (
          <tr key={sm.stateMachineArn} data-testid="state-machine-row" data-name={sm.name}>
            <td>
              <Link href={routes.stateMachine(sm.stateMachineArn)}>{sm.name}</Link>
            </td>
            <td>{sm.type}</td>
            <td>{sm.region}</td>
            <td className="num" data-testid="count-failed">{sm.counts.FAILED}</td>
            <td className="num" data-testid="count-timed-out">{sm.counts.TIMED_OUT}</td>
            <td className="num">{sm.counts.RUNNING}</td>
            <td>
              {sm.alarms.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                sm.alarms.map((a) => (
                  <div key={a.alarmName}>
                    {a.alarmName} <span className="muted">({a.metricName}: {a.stateValue})</span>
                  </div>
                ))
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
