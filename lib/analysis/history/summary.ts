import type { ExecutionReport } from "@/lib/domain/report";
import { describeExecution } from "../headline/describe-failure";
import { formatPercent } from "../format";

const pct = (ratio: number | null) => (ratio === null ? "unknown" : formatPercent(ratio));

/** A short human summary of a report: what `analyze --text` prints, for a terminal or a chat message. */
export function formatReportSummary(report: ExecutionReport): string {
  const lines: string[] = [];
  const duration = report.durationMs === null ? "" : ` in ${(report.durationMs / 1000).toFixed(1)} s`;
  lines.push(`${report.status}${duration} — ${report.eventCount} events, ${report.transitions} transitions, ${report.runs.length} run(s)`);
  // The same words as the execution page's headline and the fleet's summary: one producer.
  lines.push(describeExecution(report).text);
  const f = report.failure;
  if (f) {
    lines.push(`Failure: ${f.kind} at ${f.path ?? "(execution)"}: ${f.error ?? "(no error)"}${f.cause ? ` — ${f.cause.slice(0, 200)}` : ""}`);
    if (f.origin) lines.push(`  origin: ${f.origin.path}: ${f.origin.error ?? "(no error)"}${f.origin.cause ? ` — ${f.origin.cause.slice(0, 200)}` : ""}`);
    if (f.activePaths?.length) lines.push(`  still running then: ${f.activePaths.join(", ")}`);
  }
  for (const cliff of report.cliffs ?? []) lines.push(`Near a limit: ${cliff.text}`);
  for (const h of report.handledErrors) {
    const how = h.handledBy.kind === "retry" ? `retried (Retry #${h.handledBy.retrierIndex ?? "?"})`
      : h.handledBy.kind === "catch" ? `caught (Catch #${h.handledBy.catcherIndex ?? "?"} → ${h.handledBy.next ?? "?"})` : "handled";
    lines.push(`Handled: ${h.error ?? "(no error)"} at ${h.path}, ${how}${h.handlerPath && h.handlerPath !== h.path ? ` by ${h.handlerPath}` : ""}`);
  }
  lines.push(`History: ${report.history.events} of ${report.history.limit} events (${pct(report.history.ratio)})`);
  for (const m of report.history.maps) {
    lines.push(`  Map ${m.path}: ${m.items} items × ${m.eventsPerItem} events; crosses the limit at ${m.itemsToLimit ?? "—"} items`);
  }
  const p = report.payload;
  lines.push(`Largest payload: ${p.maxBytes ?? "unknown"} of ${p.limit} bytes (${pct(p.ratio)})${p.path ? ` at ${p.path}` : p.field ? ` (${p.field})` : ""}`);
  const c = report.cost;
  lines.push(`Cost: $${c.standardUsd} Standard at $${c.pricePerThousandTransitionsUsd}/1000 transitions (${c.priceRegion ?? c.region}), Express ≈ $${c.express.usd}`);
  if (c.monthly) lines.push(`  per month (${c.monthly.executionsPerMonth} executions): Standard $${c.monthly.standardUsd}, Express ≈ $${c.monthly.expressUsd}`);
  lines.push("States:");
  for (const s of report.states) {
    if (s.entered === 0) continue;
    const bytes = s.maxInputBytes === null && s.maxOutputBytes === null ? "" : `, in ≤${s.maxInputBytes ?? "?"} B, out ≤${s.maxOutputBytes ?? "?"} B`;
    lines.push(`  ${s.path} (${s.type}) ${s.outcome}: entered ${s.entered}, retries ${s.retries}, ${s.events} events${bytes}`);
  }
  for (const note of report.incomplete) lines.push(`Note: ${note}`);
  return lines.join("\n");
}
