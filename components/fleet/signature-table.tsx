import Link from "next/link";
import type { FailureSignature } from "@/lib/domain/failures";
import { routes } from "@/lib/routes";
import { NoFailures } from "../common/empty-state";
import { Time } from "../common/time";
import styles from "./fleet.module.css";
import { Sparkline } from "./sparkline";
import { formatCount } from "@/lib/analysis/format";

function AlarmState({ signature }: { signature: FailureSignature }) {
  if (signature.alarms.length === 0) return <span className={styles.alarmNone}>no alarm</span>;
  return (
    <>
      {signature.alarms.map((a) => (
        <div key={`${a.alarmName}|${a.metricName}`} title={`${a.alarmName} on ${a.metricName}`}>
          <span className={a.stateValue === "ALARM" ? styles.alarmOn : undefined}>{a.stateValue}</span> <span className="muted">{a.alarmName}</span>
        </div>
      ))}
    </>
  );
}

/** Failure signatures of the window: count, what failed where, hourly sparkline, first/last seen, "new", alarm state. */
export function SignatureTable({ signatures, window }: { signatures: FailureSignature[]; window: Record<string, string | undefined> }) {
  if (signatures.length === 0) return <NoFailures filters={window} />;
  return (
    <div className={styles.scroll}>
    <table aria-label="Failure signatures" className={styles.sigTable}>
      <thead>
        <tr>
          <th className="num">Count</th>
          <th>Failure</th>
          <th>Per hour</th>
          <th>First seen</th>
          <th>Last seen</th>
          <th>Alarm</th>
        </tr>
      </thead>
      <tbody>
        {signatures.map((s) => (
          <tr key={s.signatureId} data-testid="signature-row" data-error={s.originError ?? ""} data-count={s.count} data-new={s.isNew || undefined}>
            <td className={styles.count}>{formatCount(s.count)}</td>
            <td className={styles.wide}>
              <Link href={routes.signature(s.signatureId, window)} className={styles.error}>
                {s.originError ?? "(no error name)"}
              </Link>
              {s.isNew ? <span className="new-badge">NEW</span> : null}
              <div className={styles.where}>
                {s.stateMachineName} › <code>{s.originPath ?? "(execution)"}</code> <span className="muted">{s.statuses.join(", ")}</span>
              </div>
              {s.normalisedCause ? <div className={styles.cause} title={s.sampleCause ?? undefined}>{s.normalisedCause}</div> : null}
            </td>
            <td className={`${styles.wide} ${styles.hideSmall}`}>
              <Sparkline values={s.hourly.length > 48 ? s.hourly.slice(-168) : s.hourly} />
            </td>
            <td className={`${styles.wide} ${styles.hideSmall}`}>
              <Time iso={s.firstSeenAt} />
            </td>
            <td className={styles.wide}>
              <span className="muted">last </span>
              <Time iso={s.lastSeenAt} />
            </td>
            <td className={`${styles.wide} ${styles.alarm}`}>
              <AlarmState signature={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
