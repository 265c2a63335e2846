"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricPoint } from "@/lib/domain/metrics";

interface Series {
  key: string;
  label: string;
  color: string;
  points: MetricPoint[];
}

/** Several CloudWatch series on one time axis (UTC). */
export function MetricsChart({ title, series, unit, animate = true }: { title: string; series: Series[]; unit?: string; animate?: boolean }) {
  const byTime = new Map<string, Record<string, number | string>>();
  for (const s of series) {
    for (const p of s.points) {
      const row = byTime.get(p.timestamp) ?? { t: p.timestamp };
      row[s.key] = p.value;
      byTime.set(p.timestamp, row);
    }
  }
  const rows = [...byTime.values()].sort((a, b) => String(a.t).localeCompare(String(b.t)));
  return (
    <figure aria-label={title} style={{ margin: 0 }}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">No datapoints in this window.</p>
      ) : (
        <div style={{ width: "100%", height: 220 }}>
          <ResponsiveContainer>
            <LineChart data={rows} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="t" tickFormatter={(t: string) => t.slice(11, 16)} />
              <YAxis unit={unit} />
              <Tooltip labelFormatter={(t) => `${String(t).replace("T", " ").slice(0, 19)} UTC`} />
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
