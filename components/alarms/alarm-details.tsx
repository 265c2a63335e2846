import Link from "next/link";
import type { AlarmView } from "@/lib/domain/alarm-view";
import { routes } from "@/lib/routes";
import { Time } from "../common/time";
import { describeBreachSource, describeLateness, periodText } from "./describe-alarm";
import styles from "./alarm-view.module.css";

/** Below the executions: the breach window and its datapoints, when the alarm changed state, and where to go next. */
export function AlarmDetails({ view }: { view: AlarmView }) {
  const { alarm, breach } = view;
  const lateness = describeLateness(breach, view.at);
  return (
    <section className="panel" aria-labelledby="alarm-details">
      <h2 id="alarm-details" style={{ marginTop: 0 }}>
        Breach window
      </h2>
      {breach ? (
        <>
          <p data-testid="breach-window">
            <Time iso={breach.from} /> → <Time iso={breach.to} /> <span className="muted">({describeBreachSource(breach)})</span>
          </p>
          {breach.datapoints.length > 0 ? (
            <ul className={styles.list} aria-label="Breaching datapoints">
              {breach.datapoints.map((d) => (
                <li key={d.timestamp}>
                  <span>
                    value <strong>{d.value ?? "missing"}</strong>
                  </span>
                  <span className="muted">
                    in the {periodText(breach.periodSeconds)} from <Time iso={d.timestamp} />
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p data-testid="breach-window">{view.breachUnknown ?? "Not known."}</p>
      )}
      <dl className={styles.facts} style={{ marginTop: 8 }}>
        <dt>State changed</dt>
        <dd>
          <Time iso={view.at} />
          {lateness ? <span className="muted"> — {lateness}</span> : null}
        </dd>
        <dt>Reason now</dt>
        <dd className="muted">
          {alarm.stateValue}: {alarm.stateReason ?? "—"}
        </dd>
        {alarm.alarmDescription ? (
          <>
            <dt>Description</dt>
            <dd>{alarm.alarmDescription}</dd>
          </>
        ) : null}
      </dl>
      {view.stateMachineArn ? (
        <p>
          <Link href={routes.stateMachine(view.stateMachineArn, { from: breach?.from, to: breach?.to })}>State machine page for this window</Link>
          {" · "}
          <Link href={routes.stateMachine(view.stateMachineArn)}>its last 24 hours</Link>
          <span className="muted">
            {" "}
            · {view.listing.pages} ListExecutions page{view.listing.pages === 1 ? "" : "s"} read
          </span>
        </p>
      ) : null}
    </section>
  );
}
