/**
 * Speed and memory of lib/analysis on a 25,000-event history with payloads (an inline Map that ran out
 * of history, as AWS writes it). Targets: under 50 ms, and memory under 5× the history's JSON size.
 * JSON.parse of the same text, measured in the same run, is the physical floor the time is compared with.
 * Run alone: `npx tsx bench/analyser.ts`.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { pathToFileURL } from "node:url";
import { buildExecutionReport } from "@/lib/analysis";
import { generateMapHistory } from "@/test-support/generate-history";
import type { BenchFigure } from "./figure";

const TIME_TARGET_MS = 50;
const MEMORY_TARGET_RATIO = 5;
const RUNS = 30;
const NOW = "2024-06-01T00:00:00Z";

function collectGarbage(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Measures the analyser and returns its figures (bench/run.ts prints them). */
export async function runAnalyserBench(): Promise<BenchFigure[]> {
  const gc = collectGarbage();
  const generated = generateMapHistory({ items: 4_000, concurrency: 10, payloadChars: 400 });
  const text = JSON.stringify({ events: generated.events });
  const jsonBytes = Buffer.byteLength(text, "utf8");
  const eventCount = generated.events.length;
  const options = { definition: generated.definition, now: NOW, region: "us-east-1", executionsPerMonth: 10_000 };

  // Warm both up so the JIT has compiled them before measuring.
  for (let i = 0; i < 5; i++) buildExecutionReport((JSON.parse(text) as { events: unknown[] }).events, options);
  const parseMs = timeRuns(RUNS, () => JSON.parse(text));
  const parsed = (JSON.parse(text) as { events: unknown[] }).events;
  const analyseMs = timeRuns(RUNS, () => buildExecutionReport(parsed, options));

  // Memory: heap growth across one analysis with no collection in between — everything it allocates,
  // garbage included (checked with --trace-gc: no scavenge runs during one analysis of this history).
  gc();
  const before = process.memoryUsage().heapUsed;
  const report = buildExecutionReport(parsed, options);
  const allocated = process.memoryUsage().heapUsed - before;
  if (report.eventCount !== eventCount) throw new Error("the bench history was not analysed whole");
  const reportBytes = Buffer.byteLength(JSON.stringify(report), "utf8");

  const memoryRatio = allocated / jsonBytes;
  return [
    { name: "analyser: events", value: eventCount, unit: "events" },
    { name: "analyser: history JSON size", value: jsonBytes, unit: "bytes" },
    { name: "analyser: JSON.parse (floor)", value: round(parseMs), unit: "ms" },
    {
      name: "analyser: buildExecutionReport",
      value: round(analyseMs),
      unit: "ms",
      target: TIME_TARGET_MS,
      baseline: { name: "JSON.parse", value: round(parseMs) },
      ratio: round(analyseMs / parseMs),
      ok: analyseMs < TIME_TARGET_MS,
    },
    { name: "analyser: throughput", value: Math.round(eventCount / (analyseMs / 1000)), unit: "events/s" },
    { name: "analyser: heap allocated", value: allocated, unit: "bytes" },
    { name: "analyser: report JSON size", value: reportBytes, unit: "bytes" },
    {
      name: "analyser: memory / JSON size",
      value: round(memoryRatio),
      unit: "×",
      target: MEMORY_TARGET_RATIO,
      ok: memoryRatio < MEMORY_TARGET_RATIO,
    },
  ];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Prints figures as an aligned table. */
export function printFigures(figures: BenchFigure[]): void {
  for (const f of figures) {
    const extra = [
      f.target !== undefined ? `target < ${f.target}` : "",
      f.baseline !== undefined ? `baseline ${f.baseline.name} ${f.baseline.value}` : "",
      f.ratio !== undefined ? `ratio ${f.ratio}×` : "",
      f.ok === undefined ? "" : f.ok ? "ok" : "FAIL",
    ].filter(Boolean).join(", ");
    console.log(`${f.name.padEnd(36)} ${String(f.value).padStart(12)} ${f.unit.padEnd(9)} ${extra}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runAnalyserBench().then((figures) => {
    printFigures(figures);
    if (figures.some((f) => f.ok === false)) process.exitCode = 1;
  });
}
