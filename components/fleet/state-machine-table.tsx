"use client";
import Link from "next/link";
import { useState } from "react";
import { describeCoverage } from "@/lib/analysis/fleet/failure-views";
import type { IndexCoverage } from "@/lib/domain/failures";
import type { FleetStateMachine } from "@/lib/domain/fleet";
import { routes } from "@/lib/routes";
import { NoStateMachines } from "../common/empty-state";
import styles from "./fleet.module.css";
import { formatCount } from "@/lib/analysis/format";

const PAGE = 25;

function Coverage({ sm }: { sm: FleetStateMachine }) {
  const watched = [sm.watchesFailures ? "failures" : null, sm.watchesTimeouts ? "timeouts" : null].filter(Boolean);
  if (watched.length === 2) return <span>failures and timeouts</span>;
  if (watched.length === 1) return <span className={styles.alarmNone}>{watched[0]} only</span>;
  return <span className={styles.alarmNone}>none</span>;
}

/** State machines with their failures in the window (N of M against CloudWatch) and which alarms watch them; paged. */
export function StateMachineTable({ stateMachines, coverage, regions }: { stateMachines: FleetStateMachine[]; coverage: IndexCoverage[]; regions?: string[] }) {
  const [shown, setShown] = useState(PAGE);
  if (stateMachines.length === 0) return <NoStateMachines regions={regions} />;
  const byArn = new Map(coverage.map((c) => [c.stateMachineArn, c]));
  return (
    <>
      <div className={styles.scroll}>
      <table aria-label="State machines" className={styles.smTable}>
        <thead>
          <tr>
            <th>State machine</th>
            <th className="num">Failures in window</th>
            <th className="num">Running</th>
            <th>Alarm coverage</th>
            <th className={styles.hideSmall}>Alarms</th>
          </tr>
        </thead>
        <tbody>
          {stateMachines.slice(0, shown).map((sm) => {
            const c = byArn.get(sm.stateMachineArn);
            const short = c ? describeCoverage(c) : null;
            return (
              <tr key={sm.stateMachineArn} data-testid="state-machine-row" data-name={sm.name}>
                <td>
                  <Link href={routes.stateMachine(sm.stateMachineArn)}>{sm.name}</Link>
                  <div className="muted">
                    {sm.type} · {sm.region} · <span data-testid="account">{sm.accountName && sm.accountName !== sm.accountId ? `${sm.accountName} (${sm.accountId})` : sm.accountId}</span>
                  </div>
                </td>
                <td className="num" data-testid="count-failures">
                  {short ? (
                    <span className={styles.coverageShort} title="The index holds fewer than CloudWatch counted (polling started later, or retention dropped some)">
                      {short}
                    </span>
                  ) : (
                    formatCount(c?.indexed ?? 0)
                  )}
                </td>
                <td className="num">{formatCount(sm.counts.RUNNING)}</td>
                <td>
                  <Coverage sm={sm} />
                </td>
                <td className={styles.hideSmall}>
                  {sm.alarms.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    sm.alarms.map((a) => (
                      <div key={`${a.alarmName}|${a.metricName}`}>
                        {a.alarmName} <span className="muted">({a.metricName}: {a.stateValue})</span>
                      </div>
                    ))
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {stateMachines.length > shown ? (
        <button type="button" className={styles.more} onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, stateMachines.length - shown)} more of {stateMachines.length - shown}
        </button>
      ) : null}
    </>
  );
}
