import type { RunReport } from "@/lib/domain/report";
import { formatCount } from "@/lib/analysis/format";
import { Time } from "../common/time";
import styles from "./execution.module.css";

/** Each run of a redriven execution: the original and every redrive, with its own outcome. */
export function Runs({ runs }: { runs: RunReport[] }) {
  if (runs.length <= 1) return null;
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Runs ({runs.length}: redriven {runs.length - 1}×)</h2>
      <div className={styles.scroll}>
      <table aria-label="Runs">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Started</th>
            <th>Stopped</th>
            <th>Status</th>
            <th>Failure</th>
            <th className="num">Transitions</th>
            <th className="num">Events</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.index}>
              <td className="num">{r.index + 1}</td>
              <td><Time iso={r.startedAt} /></td>
              <td><Time iso={r.stoppedAt} /></td>
              <td className={`status status-${r.status}`}>{r.status}</td>
              <td>{r.failure ? `${r.failure.path ?? r.failure.state ?? "—"}: ${r.failure.error ?? r.failure.kind}` : "—"}</td>
              <td className="num">{formatCount(r.transitions)}</td>
              <td className="num">{formatCount(r.events)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
