"use client";
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { StateReport } from "@/lib/domain/report";
import { formatBytes } from "@/lib/analysis/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";

interface Row {
  path: string;
  input: number;
  output: number;
}

/** Max input and output bytes per state, against the 262,144-byte cap drawn as a line. */
export function PayloadChart({ states, animate = true }: { states: StateReport[]; animate?: boolean }) {
  const rows: Row[] = states
    .filter((s) => s.maxInputBytes !== null || s.maxOutputBytes !== null)
    .map((s) => ({ path: s.path, input: s.maxInputBytes ?? 0, output: s.maxOutputBytes ?? 0 }))
    .sort((a, b) => Math.max(b.input, b.output) - Math.max(a.input, a.output))
    .slice(0, 30);
  if (rows.length === 0) return <p className="muted">This history carried no payloads (fetched without execution data).</p>;
  const top = Math.max(PAYLOAD_LIMIT_BYTES * 1.1, ...rows.map((r) => Math.max(r.input, r.output) * 1.05));
  return (
    <figure aria-label="Payload bytes per state against the 262,144-byte limit" style={{ margin: 0 }}>
      <div style={{ width: "100%", height: Math.max(160, rows.length * 28 + 60) }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ left: 16, right: 24, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, top]} tickFormatter={(v: number) => `${Math.round(v / 1024)} KiB`} />
            <YAxis type="category" dataKey="path" width={200} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => formatBytes(Number(v))} />
            <Bar dataKey="input" name="max input" fill="#5aa9f0" isAnimationActive={animate} />
            <Bar dataKey="output" name="max output" fill="#9467bd" isAnimationActive={animate} />
            <ReferenceLine x={PAYLOAD_LIMIT_BYTES} stroke="#c0221b" strokeWidth={2} label={{ value: "262,144 B cap", position: "top", fill: "#c0221b", fontSize: 12 }} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Bars per state; the red line is the 262,144-byte payload cap.</figcaption>
    </figure>
  );
}
