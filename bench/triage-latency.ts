/**
 * Time to the failure on screen: TriageService.getTriage() on a GENERATED 25,000-event failed inline-Map
 * execution (test-support/generate-history.ts), through the real lib/aws SDK calls, against a loopback
 * fake Step Functions endpoint (bench/fake-sfn.ts) that adds 100 ms to every call. Target: one AWS round trip
 * plus under 200 ms. Baseline, same run and endpoint: read the whole history first (25 pages of 1000) and analyse.
 * Run alone: `npx tsx bench/run.ts triage-latency`.
 */
import { runBenchChild } from "./child";
import type { BenchFigure } from "./figure";

interface ChildResult {
  latencyMs: number;
  events: number;
  triageMs: number;
  callsBeforeAnswer: number;
  eventsOnFirstAnswer: number;
  baselineMs: number;
  baselineCalls: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Measures time to the failure and returns its figures (bench/run.ts prints them). */
export async function runTriageLatencyBench(): Promise<BenchFigure[]> {
  const r = await runBenchChild<ChildResult>("triage-latency-child.ts");
  const target = r.latencyMs + 200;
  return [
    { name: `triage: history (generated, ${r.events.toLocaleString("en-US")} events, FAILED), AWS latency added per call`, value: r.latencyMs, unit: "ms" },
    {
      name: "triage: request → report with failure (getTriage, median)",
      value: round(r.triageMs),
      unit: "ms",
      target,
      baseline: { name: "whole history first, then analyse", value: round(r.baselineMs) },
      ratio: Math.round((r.triageMs / r.baselineMs) * 1000) / 1000,
      ok: r.triageMs < target,
    },
    { name: "triage: baseline ÷ triage (speed-up)", value: round(r.baselineMs / r.triageMs), unit: "×" },
    // DescribeExecution, DescribeStateMachineForExecution and the first reverseOrder page go out together: one round trip.
    { name: "triage: AWS calls before the answer (sent in parallel)", value: r.callsBeforeAnswer, unit: "calls", baseline: { name: "whole history first", value: r.baselineCalls } },
    { name: "triage: time beyond one AWS round trip", value: round(r.triageMs - r.latencyMs), unit: "ms", target: 200, ok: r.triageMs - r.latencyMs < 200 },
    { name: "triage: events in hand at the first answer", value: r.eventsOnFirstAnswer, unit: "events" },
  ];
}
