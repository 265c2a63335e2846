import type { AttemptReport } from "@/lib/domain/report";
import { Time } from "../common/time";

/** Each run of a redriven execution: the original and every redrive, with its own outcome. */
export function Attempts({ attempts }: { attempts: AttemptReport[] }) {
  if (attempts.length <= 1) return null;
  return (
    <section aria-labelledby="attempts-title">
      <h2 id="attempts-title">Attempts ({attempts.length}: redriven {attempts.length - 1}×)</h2>
      <table aria-label="Attempts">
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
          {attempts.map((a) => (
            <tr key={a.index}>
              <td className="num">{a.index + 1}</td>
              <td><Time iso={a.startedAt} /></td>
              <td><Time iso={a.stoppedAt} /></td>
              <td className={`status status-${a.status}`}>{a.status}</td>
              <td>{a.failure ? `${a.failure.path ?? a.failure.state ?? "—"}: ${a.failure.error ?? a.failure.kind}` : "—"}</td>
              <td className="num">{a.transitions.toLocaleString("en-US")}</td>
              <td className="num">{a.events.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
