import Link from "next/link";
import type { SilentTimeouts as Group } from "@/lib/analysis/fleet/fleet-views";
import type { FleetStateMachine } from "@/lib/domain/fleet";
import { routes } from "@/lib/routes";
import { Time } from "../common/time";
import styles from "./fleet.module.css";
import { formatCount } from "@/lib/analysis/format";

interface Props {
  groups: Group[];
  unboundedTasks: { stateMachine: FleetStateMachine; path: string }[];
}

const SHOWN = 10;

/** Timeouts nobody was alerted to, one line per state machine; and Task states that can wait up to 99,999,999 s. */
export function SilentTimeouts({ groups, unboundedTasks }: Props) {
  return (
    <section className="panel" aria-labelledby="silent-timeouts-title" data-testid="silent-timeouts">
      <h2 id="silent-timeouts-title">Silent timeouts</h2>
      {groups.length === 0 ? (
        <p className="muted">No timeouts on unwatched state machines in this window.</p>
      ) : (
        <ul className={styles.silentList}>
          {groups.slice(0, SHOWN).map((g) => (
            <li key={g.stateMachine.stateMachineArn} data-testid="silent-timeout" data-count={g.count}>
              <Link href={routes.stateMachine(g.stateMachine.stateMachineArn)}>{g.stateMachine.name}</Link>: <strong>{formatCount(g.count)}</strong> timed out, last <Time iso={g.lastSeenAt} />{" "}
              (<Link href={routes.execution(g.exampleExecutionArn)}>latest</Link>)
              <div className="muted">{g.reason}</div>
            </li>
          ))}
          {groups.length > SHOWN ? <li className="muted">…and {formatCount(groups.length - SHOWN)} more state machines</li> : null}
        </ul>
      )}
      <h3>Tasks with no timeout</h3>
      {unboundedTasks.length === 0 ? (
        <p className="muted">Every Task state has a TimeoutSeconds.</p>
      ) : (
        <ul className={styles.silentList}>
          {unboundedTasks.slice(0, SHOWN).map(({ stateMachine, path }) => (
            <li key={`${stateMachine.stateMachineArn}|${path}`} data-testid="unbounded-task">
              <Link href={routes.stateMachine(stateMachine.stateMachineArn)}>{stateMachine.name}</Link> › <code>{path}</code>{" "}
              <span className="muted">waits up to 99,999,999 s (≈3.2 years; the execution ends at 1 year) if its worker never answers</span>
            </li>
          ))}
          {unboundedTasks.length > SHOWN ? <li className="muted">…and {formatCount(unboundedTasks.length - SHOWN)} more Task states</li> : null}
        </ul>
      )}
    </section>
  );
}
