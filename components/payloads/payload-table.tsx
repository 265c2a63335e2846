import type { Failure, StateReport } from "@/lib/domain/report";
import { formatBytes, formatBytesExact, formatPercent } from "@/lib/analysis/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";

function Cell({ bytes, field }: { bytes: number | null; field?: string | null }) {
  if (bytes === null) return <td className="num muted">unknown</td>;
  const over = bytes > PAYLOAD_LIMIT_BYTES;
  // A Task's parameters are its input, not a result: say which field the figure is.
  const what = field?.endsWith(".parameters") ? " Task parameters" : "";
  return (
    <td className="num" data-over={over || undefined}>
      {/* The exact count is this table's point (the chart gives the picture); KiB on hover. */}
      <span title={formatBytes(bytes)}>{formatBytesExact(bytes)}</span> <span className="muted">({formatPercent(bytes / PAYLOAD_LIMIT_BYTES)}{what})</span>
      {over ? <strong className="status-FAILED"> over the cap</strong> : null}
    </td>
  );
}

/**
 * The exact numbers behind the payload chart, for screen readers and copy-paste. With a payload-limit failure
 * the failing state's row says what the headline says: which figure went over, or that AWS rejected a result
 * it never recorded (so the bytes shown are what it did record).
 */
export function PayloadTable({ states, failure = null }: { states: StateReport[]; failure?: Failure | null }) {
  const rows = states.filter((s) => s.maxInputBytes !== null || s.maxOutputBytes !== null || (failure?.kind === "payload-limit" && failure.path === s.path));
  const rejected = (s: StateReport) =>
    failure?.kind === "payload-limit" && failure.path === s.path && (s.maxInputBytes ?? 0) <= PAYLOAD_LIMIT_BYTES && (s.maxOutputBytes ?? 0) <= PAYLOAD_LIMIT_BYTES;
  return (
    <table aria-label="Payload bytes per state">
      <thead>
        <tr>
          <th>State</th>
          <th className="num">Max input</th>
          <th className="num">Max output</th>
          <th className="num">Headroom</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.path} data-testid="payload-row" data-path={s.path}>
            <td>{s.path}</td>
            <Cell bytes={s.maxInputBytes} field={s.maxInputField} />
            {rejected(s) ? (
              <td className="num" data-over>
                <strong className="status-FAILED">result over the cap</strong> <span className="muted">(rejected by AWS, size not recorded)</span>
              </td>
            ) : (
              <Cell bytes={s.maxOutputBytes} field={s.maxOutputField} />
            )}
            <td className="num">
              {s.headroomBytes === null ? "—" : s.headroomBytes < 0 ? <strong className="status-FAILED">over by {formatBytesExact(-s.headroomBytes)}</strong> : <span title={formatBytesExact(s.headroomBytes)}>{formatBytes(s.headroomBytes)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
