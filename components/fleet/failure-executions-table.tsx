import Link from "next/link";
import type { IndexedFailure } from "@/lib/domain/failures";
import { routes } from "@/lib/routes";
import { Time } from "../common/time";
import styles from "./fleet.module.css";

/** Failing executions from the index, newest first. */
export function FailureExecutionsTable({ executions, label = "Failing executions" }: { executions: IndexedFailure[]; label?: string }) {
  if (executions.length === 0) return <p className="muted">No failing executions match.</p>;
  return (
    <div className={styles.scroll}>
    <table aria-label={label} className="stack-table">
      <thead>
        <tr>
          <th>Execution</th>
          <th>Status</th>
          <th>Failed state</th>
          <th>Error</th>
          <th>Stopped</th>
        </tr>
      </thead>
      <tbody>
        {executions.map((e) => (
          <tr key={`${e.executionArn}|${e.redriveCount}`} data-testid="fleet-row" data-status={e.status}>
            <td className="wide">
              <Link href={routes.execution(e.executionArn)}>{e.name}</Link>
              <div className="muted">
                <Link href={routes.stateMachine(e.stateMachineArn)}>{e.stateMachineName}</Link> · {e.region}
                {e.redriveCount > 0 ? ` · redrive ${e.redriveCount}` : ""}
              </div>
            </td>
            <td className={`status status-${e.status}`}>{e.status}</td>
            <td>{e.originPath ?? (e.summarised ? <span className="muted">—</span> : <span className="muted">reading…</span>)}</td>
            <td className="wide">
              {e.originError ? <code>{e.originError}</code> : <span className="muted">—</span>}
              {/* A caught error that ended elsewhere (Catch → … → Fail): the final error beside the root cause. */}
              {e.finalError && e.finalError !== e.originError ? <span className="muted"> → ended as <code>{e.finalError}</code></span> : null}
              {e.originCause ? <div className="muted" title={e.originCause}>{e.originCause.length > 140 ? `${e.originCause.slice(0, 140)}…` : e.originCause}</div> : null}
            </td>
            <td>
              <Time iso={e.stopDate} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
