"use client";
import { useEffect, useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { StateReport } from "@/lib/domain/report";
import { formatBytes, formatBytesExact } from "@/lib/analysis/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";

interface Row {
  path: string;
  input: number | null;
  output: number | null;
}

// A log scale from 1 B: a 300-byte payload is a visible bar half-way to the cap, not an empty row, and the
// cap is always on the chart. Ticks at round binary sizes, so the axis reads 1 B · 32 B · 1 KiB · 32 KiB · 256 KiB.
const TICKS = [1, 32, 1024, 32 * 1024, PAYLOAD_LIMIT_BYTES, 8 * 1024 * 1024, 256 * 1024 * 1024];
// log(0) is -∞: an empty payload draws no bar (the table says 0 B).
const positive = (n: number | null) => (n !== null && n > 0 ? n : null);

/** The width of an element, for labels that must fit a phone. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Max input and output bytes per state on a log scale, against the 262,144-byte cap drawn as a line. */
export function PayloadChart({ states, animate = true }: { states: StateReport[]; animate?: boolean }) {
  const [ref, width] = useWidth();
  const rows: Row[] = states
    .filter((s) => s.maxInputBytes !== null || s.maxOutputBytes !== null)
    .map((s) => ({ path: s.path, input: positive(s.maxInputBytes), output: positive(s.maxOutputBytes) }))
    .sort((a, b) => Math.max(b.input ?? 0, b.output ?? 0) - Math.max(a.input ?? 0, a.output ?? 0))
    .slice(0, 30);
  if (rows.length === 0) return <p className="muted">This history carried no payloads (fetched without execution data).</p>;
  const largest = Math.max(...rows.map((r) => Math.max(r.input ?? 0, r.output ?? 0)));
  const top = Math.max(PAYLOAD_LIMIT_BYTES * 2, largest * 2);
  const ticks = TICKS.filter((t) => t <= top);
  // State names take at most a third of a phone's width; the rest is for the bars.
  const labelWidth = Math.round(Math.min(200, Math.max(72, (width || 600) * 0.34)));
  const maxChars = Math.floor(labelWidth / 7);
  const short = (path: string) => (path.length <= maxChars ? path : `…${path.slice(-(maxChars - 1))}`);
  return (
    <figure aria-label="Payload bytes per state against the 262,144-byte limit" style={{ margin: 0 }} data-testid="payload-chart">
      <div ref={ref} style={{ width: "100%", height: Math.max(160, rows.length * 28 + 80) }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ left: 4, right: 16, top: 20, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" scale="log" domain={[1, top]} ticks={ticks} allowDataOverflow tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="path" width={labelWidth} tick={{ fontSize: 12 }} tickFormatter={short} interval={0} />
            <Tooltip formatter={(v) => formatBytesExact(Number(v))} />
            <Legend verticalAlign="bottom" height={24} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="input" name="max input" fill="#3b82c4" isAnimationActive={animate} minPointSize={2} />
            <Bar dataKey="output" name="max output" fill="#8a5cc2" isAnimationActive={animate} minPointSize={2} />
            {/* A short label centred on the line fits inside the plot at 390 px; the caption says the rest. */}
            <ReferenceLine x={PAYLOAD_LIMIT_BYTES} stroke="#c0221b" strokeWidth={2} label={{ value: "cap", position: "top", fill: "#c0221b", fontSize: 12 }} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted" style={{ fontSize: 12 }}>
        Largest payload per state, log scale; the red line is the 256 KiB cap (262,144 B). Exact bytes in the table below.
      </figcaption>
    </figure>
  );
}
