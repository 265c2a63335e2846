/**
 * Server memory with 1,000 state machines and 20,000 cached terminal executions, through fake deps (no AWS):
 * the FleetPoller lists 10 FAILED + 10 TIMED_OUT + 5 RUNNING executions per state machine and summarises every
 * failure (40 per cycle, as in production, so ~500 cycles); the TriageService caches 20,000 closed executions,
 * each a recorded failing history from ../shared/fixtures/aws-recorded (small: a few events each).
 * Heap is measured after gc(). Target: RSS under 1 GB. Run alone: `npx tsx bench/run.ts memory`.
 */
import { runBenchChild } from "./child";
import type { BenchFigure } from "./figure";

interface ChildResult {
  fixtures: number;
  fixtureEventsAvg: number;
  stateMachines: number;
  terminalListed: number;
  summarised: number;
  cycles: number;
  pollMs: number;
  steadyCycleMs: number;
  closed: number;
  triageMs: number;
  baseHeap: number;
  baseRss: number;
  pollerBytes: number;
  triageBytes: number;
  heapUsed: number;
  rss: number;
}

const RSS_TARGET = 1024 ** 3;
const round = (n: number) => Math.round(n * 10) / 10;

/** Measures server memory and returns its figures (bench/run.ts prints them). */
export async function runMemoryBench(): Promise<BenchFigure[]> {
  const r = await runBenchChild<ChildResult>("memory-child.ts", {}, 600_000);
  return [
    { name: "memory: state machines polled", value: r.stateMachines, unit: "state machines" },
    { name: "memory: terminal executions listed, failure summary cached", value: r.summarised, unit: "executions" },
    { name: "memory: closed executions cached by TriageService", value: r.closed, unit: "executions" },
    { name: `memory: (recorded fixtures used: ${r.fixtures}, avg events)`, value: round(r.fixtureEventsAvg), unit: "events" },
    { name: "memory: RSS with everything cached", value: r.rss, unit: "bytes", target: RSS_TARGET, baseline: { name: "empty process", value: r.baseRss }, ratio: round(r.rss / r.baseRss), ok: r.rss < RSS_TARGET },
    { name: "memory: heap used after gc", value: r.heapUsed, unit: "bytes", baseline: { name: "empty process", value: r.baseHeap } },
    { name: "memory: poller heap per listed terminal execution", value: Math.round(r.pollerBytes / r.terminalListed), unit: "bytes" },
    { name: "memory: triage heap per cached closed execution", value: Math.round(r.triageBytes / r.closed), unit: "bytes" },
    { name: `memory: poller CPU to summarise them all (${r.cycles} cycles)`, value: Math.round(r.pollMs), unit: "ms" },
    { name: "memory: poller CPU per steady cycle, 1,000 state machines, nothing new", value: round(r.steadyCycleMs), unit: "ms" },
    { name: "memory: TriageService CPU to cache 20,000 closed executions", value: Math.round(r.triageMs), unit: "ms" },
  ];
}
