import Link from "next/link";
import type { StuckExecution } from "@/lib/analysis/fleet/fleet-views";
import { routes } from "@/lib/routes";
import { formatDuration } from "@/lib/analysis/format";

/** RUNNING executions open longer than their state machine's p99 duration. */
export function StuckExecutions({ stuck, running }: { stuck: StuckExecution[]; running: number }) {
  return (
    <section className="panel" aria-labelledby="stuck-title" data-testid="stuck">
      <h2 id="stuck-title">Stuck executions</h2>
      {stuck.length === 0 ? (
        <p className="muted">None of the {running} running executions is open longer than its state machine&apos;s p99 duration.</p>
      ) : (
        <ul>
          {stuck.slice(0, 20).map(({ execution, openMs, p99Ms }) => (
            <li key={execution.executionArn}>
              <Link href={routes.execution(execution.executionArn)}>{execution.stateMachineName} / {execution.name}</Link> open{" "}
              {formatDuration(openMs)} <span className="muted">(p99 {formatDuration(p99Ms)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
