import type { StateReport } from "@/lib/domain/report";
import { formatBytes, formatPercent } from "../common/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";

function Cell({ bytes }: { bytes: number | null }) {
  if (bytes === null) return <td className="num muted">unknown</td>;
  const over = bytes > PAYLOAD_LIMIT_BYTES;
  return (
    <td className="num" data-over={over || undefined}>
      {formatBytes(bytes)} <span className="muted">({formatPercent(bytes / PAYLOAD_LIMIT_BYTES)})</span>
      {over ? <strong className="status-FAILED"> over the cap</strong> : null}
    </td>
  );
}

/** The exact numbers behind the payload chart, for screen readers and copy-paste. */
export function PayloadTable({ states }: { states: StateReport[] }) {
  const rows = states.filter((s) => s.maxInputBytes !== null || s.maxOutputBytes !== null);
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
            <Cell bytes={s.maxInputBytes} />
            <Cell bytes={s.maxOutputBytes} />
            <td className="num">{s.headroomBytes === null ? "—" : formatBytes(s.headroomBytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
