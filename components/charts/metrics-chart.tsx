"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDecimal, formatDuration, formatUtc } from "@/lib/analysis/format";
import type { MetricPoint } from "@/lib/domain/metrics";

interface Series {
  key: string;
  label: string;
  /** A CSS colour; the status tokens (var(--failed) …) follow the theme. */
  color: string;
  points: MetricPoint[];
}

/** Several CloudWatch series on one time axis (UTC). `unit: "ms"` prints values as durations ("3.2 s"), else as counts. */
export function MetricsChart({ title, series, unit = "count", animate = true }: { title: string; series: Series[]; unit?: "ms" | "count"; animate?: boolean }) {
  const byTime = new Map<string, Record<string, number | string>>();
  for (const s of series) {
    for (const p of s.points) {
      const row = byTime.get(p.timestamp) ?? { t: p.timestamp };
      row[s.key] = p.value;
      byTime.set(p.timestamp, row);
    }
  }
  const rows = [...byTime.values()].sort((a, b) => String(a.t).localeCompare(String(b.t)));
  const value = (n: unknown) => (typeof n === "number" ? (unit === "ms" ? formatDuration(n) : formatDecimal(n)) : String(n));
  return (
    <figure aria-label={title} className="panel" style={{ margin: 0 }}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">No datapoints in this window.</p>
      ) : (
        <div style={{ width: "100%", height: 220 }}>
          <ResponsiveContainer>
            <LineChart data={rows} margin={{ left: 0, right: 12, top: 8, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="t" tickFormatter={(t: string) => t.slice(11, 16)} stroke="var(--muted)" fontSize={12} />
              <YAxis tickFormatter={value} stroke="var(--muted)" fontSize={12} width={unit === "ms" ? 64 : 40} />
              <Tooltip
                labelFormatter={(t) => formatUtc(String(t))}
                formatter={(v) => value(v)}
                contentStyle={{ background: "var(--bg)", borderColor: "var(--border)", color: "var(--fg)" }}
              />
              <Legend />
              {series.map((s) => (
                <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} dot={false} isAnimationActive={animate} connectNulls />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
