import Link from "next/link";
import type { AlarmExecution, AlarmView, TrippingFailure } from "@/lib/domain/alarm-view";
import { routes } from "@/lib/routes";
import { Time } from "../common/time";
import { describeOffset } from "./describe-alarm";
import styles from "./alarm-view.module.css";

// Beyond this many tripping executions the list says how many more there are.
const LISTED = 10;

function ExecutionRow({ execution, offset }: { execution: AlarmExecution; offset?: boolean }) {
  return (
    <li>
      <span className={`status status-${execution.status}`}>{execution.status}</span>
      <Link href={routes.execution(execution.executionArn)}>{execution.name}</Link>
      <span className="muted">
        stopped <Time iso={execution.stopDate} />
        {offset ? ` · ${describeOffset(execution)}` : ""}
      </span>
    </li>
  );
}

/** The newest tripping execution: failed state, error and cause, in the execution page's words. */
function NewestFailure({ execution, failure }: { execution: AlarmExecution; failure: TrippingFailure | null }) {
  return (
    <section className={styles.card} aria-labelledby="tripping-headline" data-testid="tripping-execution">
      <p style={{ margin: 0 }}>
        <span className={`status status-${execution.status}`}>{execution.status}</span>{" "}
        <Link href={routes.execution(execution.executionArn)} data-testid="tripping-link">
          {execution.name}
        </Link>{" "}
        <span className="muted">
          stopped <Time iso={execution.stopDate} />
        </span>
      </p>
      <h2 id="tripping-headline" data-testid="tripping-headline">
        {failure?.headline ?? (failure?.unavailable ? `The failure could not be read: ${failure.unavailable}` : `${execution.name}: ${execution.status}`)}
      </h2>
      {failure && !failure.unavailable ? (
        <dl className={styles.facts}>
          <dt>Failed state</dt>
          <dd data-testid="tripping-state">{failure.state ?? "— (not in a state)"}</dd>
          <dt>Error</dt>
          <dd>
            <code data-testid="tripping-error">{failure.error ?? "—"}</code>
            {failure.kind ? <span className="muted"> ({failure.kind})</span> : null}
          </dd>
          <dt>Cause</dt>
          <dd>
            <pre className={styles.cause} data-testid="tripping-cause">{failure.cause || "— (no cause given)"}</pre>
          </dd>
        </dl>
      ) : null}
    </section>
  );
}

/** First on the alarm view: the executions that tripped the alarm, or — never an empty page — the nearest ones. */
export function TrippingExecutions({ view }: { view: AlarmView }) {
  if (view.problem) {
    return (
      <section className={styles.nomatch} role="status" data-testid="alarm-problem">
        <h2>No executions to show</h2>
        <p>{view.problem}</p>
      </section>
    );
  }
  const statuses = view.statuses.join(" or ");
  const [newest, ...others] = view.tripping;
  if (newest) {
    return (
      <>
        <NewestFailure execution={newest} failure={view.newestFailure} />
        {others.length > 0 ? (
          <section aria-label="Other executions that tripped the alarm">
            <p className="muted" style={{ margin: "0 0 2px" }}>
              {others.length} more {statuses} execution{others.length === 1 ? "" : "s"} stopped in the breach window:
            </p>
            <ul className={styles.list} data-testid="tripping-others">
              {others.slice(0, LISTED).map((e) => (
                <ExecutionRow key={e.executionArn} execution={e} />
              ))}
            </ul>
            {others.length > LISTED ? <p className="muted">…and {others.length - LISTED} more.</p> : null}
          </section>
        ) : null}
      </>
    );
  }
  const nearest = [...view.nearest.before, ...view.nearest.after];
  return (
    <section className={styles.nomatch} role="status" data-testid="no-match">
      <h2>No {statuses} execution stopped in the breach window</h2>
      <p>
        {view.breach ? null : `${view.breachUnknown ?? "The breach window is not known."} `}
        {nearest.length > 0 ? "The nearest ones:" : `This state machine has no ${statuses} executions listed${view.listing.reachedBeforeWindow ? "" : " in the pages read"}.`}
      </p>
      {nearest.length > 0 ? (
        <ul className={styles.list} data-testid="nearest">
          {nearest.map((e) => (
            <ExecutionRow key={e.executionArn} execution={e} offset />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
