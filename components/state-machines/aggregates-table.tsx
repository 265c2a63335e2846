import type { StateAggregate } from "@/lib/domain/state-machine-view";
import { formatBytes, formatPercent } from "@/lib/analysis/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";

/** Per-state failures, timeouts and payload peaks over the recent executions. */
export function AggregatesTable({ aggregates, analysed }: { aggregates: StateAggregate[]; analysed: number }) {
  if (aggregates.length === 0) return <p className="muted">No executions analysed yet.</p>;
  const sorted = [...aggregates].sort((a, b) => (b.maxBytes ?? 0) - (a.maxBytes ?? 0));
  return (
    <table aria-label={`Per-state figures over ${analysed} recent executions`}>
      <thead>
        <tr>
          <th>State</th>
          <th className="num">Runs</th>
          <th className="num">Failures</th>
          <th className="num">Timeouts</th>
          <th className="num">Max payload</th>
          <th className="num">p95 payload</th>
          <th className="num">Events / execution</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <tr key={a.path}>
            <td>{a.path}</td>
            <td className="num">{a.executions}</td>
            <td className="num">{a.failures}</td>
            <td className="num">{a.timeouts}</td>
            <td className="num">
              {formatBytes(a.maxBytes)} {a.maxBytes !== null ? <span className="muted">({formatPercent(a.maxBytes / PAYLOAD_LIMIT_BYTES)})</span> : null}
            </td>
            <td className="num">{formatBytes(a.p95Bytes)}</td>
            <td className="num">{a.eventsPerExecution.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
