/**
 * Polling strategies (issue 14): AWS calls per cycle and the time a new failure takes to reach the index, for
 * (a) sweeping every state machine each cycle (SFN_TRIAGE_POLL_STRATEGY=sweep, the baseline), (b) metric-guided
 * polling (the default), both run as the real FleetPoller on a fake Step Functions + CloudWatch that enforces
 * AWS's token buckets, on simulated time (bench/polling-child.ts, bench/fake-fleet.ts); and (c) event-driven
 * ingest, modelled (see EVENT_* below) on top of the measured metric-guided reconciler.
 * 50 accounts × 5 regions: one account's five regions are simulated and the calls multiplied by 50; accounts
 * share nothing (own buckets, own plans), so the times are those of any one of them.
 * Run alone: `npx tsx bench/run.ts polling`.
 */
import { runBenchChild } from "./child";
import type { BenchFigure } from "./figure";

interface Result {
  strategy: string;
  scopes: number;
  stateMachines: number;
  cycles: number;
  cycleMs: number;
  callsPerCycle: number;
  listPerCycle: number;
  metricPerCycle: number;
  throttled: number;
  failures: number;
  missing: number;
  medianMs: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

const INTERVAL_MS = 30_000;
// Event-driven model. EventBridge publishes no typical delivery latency we could cite: 1 s is an assumption
// (docs/aws-facts-polling.md). SQS long polling (WaitTimeSeconds ≤ 20 s) returns as soon as a message arrives,
// so the receive loop adds one round trip (50 ms, the fake's latency) and the index write.
const EVENT_DELIVERY_MS = 1_000;
const RECEIVE_ROUND_TRIP_MS = 50;
const SQS_WAIT_MS = 20_000;
// Metric-guided spends at most a tenth of the sweep's calls on the same fleet; a failure reaches the index
// within five minutes (metric delay 2 min + an interval + the cycle).
const CALLS_RATIO_TARGET = 0.1;
const GUIDED_P95_TARGET_MS = 5 * 60_000;
const EVENT_TARGET_MS = 10_000;

const FLEETS = [
  { name: "1 account × 500", accounts: 1, regions: ["us-east-1"], multiplier: 1 },
  { name: "50 accounts × 5 regions × 500", accounts: 1, regions: ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"], multiplier: 50 },
];
const LOADS = [
  { name: "quiet", failures: 0 },
  { name: "5 failures per cycle per region", failures: 5 },
];

const round = (n: number) => Math.round(n * 10) / 10;
const seconds = (ms: number | null) => (ms === null ? Number.NaN : round(ms / 1000));

/** Runs both strategies on both fleets, quiet and failing, and derives the event-driven figures. */
export async function runPollingBench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const fleet of FLEETS) {
    // The reconciler's cost under event ingest: the metric-guided quiet cycle (events already put every failure in the index).
    let reconcilerCalls = Number.NaN;
    for (const load of LOADS) {
      const env = { POLLING_BENCH_ACCOUNTS: String(fleet.accounts), POLLING_BENCH_REGIONS: fleet.regions.join(","), POLLING_BENCH_MACHINES: "500", POLLING_BENCH_FAILURES: String(load.failures) };
      const sweep = await runBenchChild<Result>("polling-child.ts", { ...env, POLLING_BENCH_STRATEGY: "sweep" }, 900_000);
      const guided = await runBenchChild<Result>("polling-child.ts", { ...env, POLLING_BENCH_STRATEGY: "metrics" }, 900_000);
      const label = `polling ${fleet.name}, ${load.name}`;
      const m = fleet.multiplier;
      const sweepCalls = sweep.callsPerCycle * m;
      const guidedCalls = guided.callsPerCycle * m;
      if (load.failures === 0) reconcilerCalls = guidedCalls;
      // One queue for every account (central bus): receives per interval while idle, plus one receive and one
      // delete batch per 10 messages; the metric-guided poller keeps running as the reconciler (its quiet figure).
      const failuresPerCycle = load.failures * fleet.regions.length * m;
      const sqsCalls = INTERVAL_MS / SQS_WAIT_MS + 2 * Math.ceil(failuresPerCycle / 10);
      figures.push(
        { name: `${label}: AWS calls per cycle (ListExecutions + GetMetricData), sweep`, value: round(sweepCalls), unit: "calls" },
        { name: `${label}: sweep cycle length`, value: seconds(sweep.cycleMs), unit: "s" },
        {
          name: `${label}: AWS calls per cycle, metric-guided (${round(guided.listPerCycle * m)} ListExecutions, ${round(guided.metricPerCycle * m)} GetMetricData)`,
          value: round(guidedCalls),
          unit: "calls",
          target: round(sweepCalls * CALLS_RATIO_TARGET),
          baseline: { name: "sweep", value: round(sweepCalls) },
          ratio: guidedCalls / sweepCalls,
          ok: guidedCalls <= sweepCalls * CALLS_RATIO_TARGET,
        },
        { name: `${label}: throttled calls (AWS buckets), sweep / metric-guided`, value: sweep.throttled + guided.throttled, unit: "calls", target: 0, ok: sweep.throttled + guided.throttled === 0 },
      );
      if (load.failures > 0) {
        figures.push(
          { name: `${label}: failures simulated (per run, sweep / metric-guided), missing`, value: sweep.missing + guided.missing, unit: `of ${sweep.failures} / ${guided.failures}`, target: 0, ok: sweep.missing + guided.missing === 0 },
          { name: `${label}: time to index, sweep (median; p95 ${seconds(sweep.p95Ms)} s)`, value: seconds(sweep.medianMs), unit: "s" },
          {
            name: `${label}: time to index, metric-guided p95 (median ${seconds(guided.medianMs)} s, max ${seconds(guided.maxMs)} s)`,
            value: seconds(guided.p95Ms),
            unit: "s",
            target: GUIDED_P95_TARGET_MS / 1000,
            baseline: { name: "sweep p95", value: seconds(sweep.p95Ms) },
            ratio: (guided.p95Ms ?? Number.NaN) / (sweep.p95Ms ?? Number.NaN),
            ok: guided.p95Ms !== null && guided.p95Ms <= GUIDED_P95_TARGET_MS,
          },
        );
      }
      const eventMs = EVENT_DELIVERY_MS + RECEIVE_ROUND_TRIP_MS;
      figures.push(
        { name: `${label}: AWS calls per cycle, event-driven (SQS ${round(sqsCalls)} + reconciler; model)`, value: round(sqsCalls + reconcilerCalls), unit: "calls", baseline: { name: "sweep", value: round(sweepCalls) } },
        { name: `${label}: time to index, event-driven (model: delivery ${EVENT_DELIVERY_MS / 1000} s + one receive)`, value: seconds(eventMs), unit: "s", target: EVENT_TARGET_MS / 1000, ok: eventMs <= EVENT_TARGET_MS },
      );
    }
  }
  return figures;
}
