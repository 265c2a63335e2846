/**
 * The failure index: write throughput (executions listed, and failure details with their signatures) and
 * the fleet's window-view query time at 100,000 stored failures, on SQLite and on Postgres (a throwaway
 * cluster); and the app's RSS with 1,000 and with 100,000 stored (target: flat, under 400 MB).
 * Run alone: `npx tsx bench/run.ts index`.
 */
import { runBenchChild } from "./child";
import type { BenchFigure } from "./figure";

interface StoreResult {
  rows: number;
  listPerS: number;
  detailsPerS: number;
  dayMs: number;
  weekMs: number;
  searchMs: number;
}

interface RssResult {
  rows: number;
  rss: number;
  heapUsed: number;
}

const RSS_TARGET = 400 * 1024 * 1024;
// The window view answers a page refresh: well under a second keeps the page live at 100,000 stored.
const QUERY_TARGET_MS = 500;
const round = (n: number) => Math.round(n * 10) / 10;

/** Measures the index on both backends and the app's memory with it full. */
export async function runIndexBench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const backend of ["sqlite", "postgres"]) {
    const r = await runBenchChild<StoreResult>("index-child.ts", { INDEX_BENCH_MODE: "store", INDEX_BENCH_BACKEND: backend }, 1_200_000);
    figures.push(
      { name: `index ${backend}: failures stored`, value: r.rows, unit: "executions" },
      { name: `index ${backend}: write, executions listed`, value: Math.round(r.listPerS), unit: "executions/s" },
      { name: `index ${backend}: write, failure details + signature`, value: Math.round(r.detailsPerS), unit: "executions/s" },
      { name: `index ${backend}: window view 24 h (median)`, value: round(r.dayMs), unit: "ms", target: QUERY_TARGET_MS, ok: r.dayMs < QUERY_TARGET_MS },
      { name: `index ${backend}: window view 7 d (median)`, value: round(r.weekMs), unit: "ms", target: QUERY_TARGET_MS, ok: r.weekMs < QUERY_TARGET_MS },
      { name: `index ${backend}: search executions 7 d (median)`, value: round(r.searchMs), unit: "ms", target: QUERY_TARGET_MS, ok: r.searchMs < QUERY_TARGET_MS },
    );
  }
  const small = await runBenchChild<RssResult>("index-child.ts", { INDEX_BENCH_MODE: "rss", INDEX_BENCH_ROWS: "1000" }, 600_000);
  const full = await runBenchChild<RssResult>("index-child.ts", { INDEX_BENCH_MODE: "rss", INDEX_BENCH_ROWS: "100000" }, 1_200_000);
  figures.push({
    name: `index: app RSS with ${full.rows.toLocaleString("en-US")} failures stored`,
    value: full.rss,
    unit: "bytes",
    target: RSS_TARGET,
    baseline: { name: `${small.rows.toLocaleString("en-US")} stored`, value: small.rss },
    ratio: round(full.rss / small.rss),
    ok: full.rss < RSS_TARGET,
  });
  figures.push({ name: "index: app heap after gc, 100,000 stored", value: full.heapUsed, unit: "bytes", baseline: { name: "1,000 stored", value: small.heapUsed } });
  return figures;
}
