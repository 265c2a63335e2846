import type { HistoryBudget } from "@/lib/domain/report";
import { formatCount, formatDecimal, formatPercent } from "@/lib/analysis/format";

/** Events used of the 25,000 cap, and which states spent them. */
export function HistoryBudgetPanel({ history }: { history: HistoryBudget }) {
  const top = [...history.byState].sort((a, b) => b.events - a.events).slice(0, 10);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History events</h2>
      <p data-testid="history-used">
        <strong>{formatCount(history.events)}</strong> of {formatCount(history.limit)} events ({formatPercent(history.ratio)})
      </p>
      <div className="bar-track" role="meter" aria-valuemin={0} aria-valuemax={history.limit} aria-valuenow={history.events} aria-label="History events used">
        <div className={`bar-fill${history.ratio >= 0.8 ? " over" : ""}`} style={{ width: `${Math.min(100, history.ratio * 100)}%` }} />
      </div>
      <details>
        <summary>Events by state (top {formatCount(top.length)})</summary>
        <table aria-label="Events by state">
        <tbody>
          {top.map((s) => (
            <tr key={s.path}>
              <td>{s.path}</td>
              <td className="num">{formatCount(s.events)}</td>
            </tr>
          ))}
        </tbody>
        </table>
      </details>
      {history.maps.map((m) => (
        <p key={m.path}>
          Map <code>{m.path}</code>: {formatCount(m.items)} items, {formatDecimal(m.eventsPerItem)} events per item
          {m.itemsToLimit !== null ? `; about ${formatCount(m.itemsToLimit)} items would reach ${formatCount(history.limit)} events` : ""}.
        </p>
      ))}
    </section>
  );
}
