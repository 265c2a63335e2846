// Child of bench/polling.ts (runs with --conditions=react-server): the real FleetPoller (and through it the
// real planner, ingest and SQLite index) against bench/fake-fleet.ts on simulated time, one scenario per run:
//   POLLING_BENCH_STRATEGY   sweep | metrics
//   POLLING_BENCH_ACCOUNTS, POLLING_BENCH_REGIONS (comma list), POLLING_BENCH_MACHINES (per region)
//   POLLING_BENCH_FAILURES   new failures per poll interval per (account, region)
// Prints one JSON line: calls per cycle, cycle length, and how long each new failure took to reach the index.
import { FailureStore } from "@/lib/server/store/failure-store";
import { FleetPoller } from "@/lib/server/poller";
import { fakeFleet, reservationBudget, VirtualClock, type ScheduledFailure } from "./fake-fleet";

const STRATEGY = process.env.POLLING_BENCH_STRATEGY === "sweep" ? "sweep" : "metrics";
const ACCOUNTS = Number(process.env.POLLING_BENCH_ACCOUNTS ?? 1);
const REGIONS = (process.env.POLLING_BENCH_REGIONS ?? "us-east-1").split(",");
const MACHINES = Number(process.env.POLLING_BENCH_MACHINES ?? 500);
const FAILURES = Number(process.env.POLLING_BENCH_FAILURES ?? 0);
const INTERVAL_MS = 30_000;
// Failures close over this span (simulated); polling goes on for DRAIN_MS after it, so late ones are found.
const SPAN_MS = Number(process.env.POLLING_BENCH_SPAN_MS ?? 15 * 60_000);
// A sweep's cycle at 2/s lasts ~33 min: two of them must fit for its slowest failure to be found.
const DRAIN_MS = Number(process.env.POLLING_BENCH_DRAIN_MS ?? (STRATEGY === "sweep" ? 70 * 60_000 : 10 * 60_000));
// Assumption (docs/polling.md): an AWS/States datapoint is readable two minutes after the close it counts.
const METRIC_DELAY_MS = 120_000;
const LATENCY_MS = 50;
const SHARE = 0.5;
const T0 = Date.parse("2026-12-02T00:00:00Z");
const RETENTION = { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 };

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);

async function main() {
  process.env.SFN_TRIAGE_POLL_STRATEGY = STRATEGY;
  process.env.SFN_TRIAGE_POLL_MS = String(INTERVAL_MS);
  process.env.SFN_TRIAGE_QUOTA_SHARE = String(SHARE);
  const clock = new VirtualClock(T0);
  const random = prng(14);
  const accounts = await Promise.all(
    Array.from({ length: ACCOUNTS }, async (_, a) => {
      const fleet = fakeFleet({ accountId: String(100_000_000_000 + a), regions: REGIONS, stateMachinesPerRegion: MACHINES, runningShare: 0.05, metricDelayMs: METRIC_DELAY_MS, latencyMs: LATENCY_MS, clock });
      const store = await FailureStore.open({ backend: "sqlite", file: ":memory:" }, RETENTION);
      const poller = new FleetPoller(REGIONS, { ...fleet.deps, budget: reservationBudget(clock, SHARE), store });
      return { fleet, store, poller };
    }),
  );
  const wallStart = performance.now();
  // The first cycle sweeps everything in both strategies (the index learns the backlog): not measured.
  await clock.run(() => Promise.all(accounts.map((a) => a.poller.pollOnce())));
  const start = clock.now;
  const scheduled: { account: number; failure: ScheduledFailure }[] = [];
  const perScope = Math.round((FAILURES * SPAN_MS) / INTERVAL_MS);
  accounts.forEach((a, i) => {
    const arns = a.fleet.stateMachineArns();
    for (const region of REGIONS) {
      const inRegion = arns.filter((arn) => arn.split(":")[3] === region);
      for (let k = 0; k < perScope; k++) {
        const arn = inRegion[Math.floor(random() * inRegion.length)]!;
        const stopMs = start + Math.floor(random() * SPAN_MS);
        const status = (["FAILED", "FAILED", "FAILED", "TIMED_OUT", "ABORTED"] as const)[Math.floor(random() * 5)]!;
        scheduled.push({ account: i, failure: a.fleet.schedule({ stateMachineArn: arn, executionArn: `${arn.replace(":stateMachine:", ":execution:")}:f-${k}-${stopMs}`, status, stopMs }) });
      }
    }
  });
  const before = accounts.map((a) => ({ ...a.fleet.calls }));
  const cycles = accounts.map(() => 0);
  const end = start + SPAN_MS + DRAIN_MS;
  await clock.run(() =>
    Promise.all(
      accounts.map(async (a, i) => {
        while (clock.now < end) {
          await a.poller.pollOnce();
          cycles[i]! += 1;
          await clock.sleep(INTERVAL_MS);
        }
      }),
    ),
  );
  const totals: Record<string, number> = {};
  accounts.forEach((a, i) => {
    for (const [api, n] of Object.entries(a.fleet.calls)) totals[api] = (totals[api] ?? 0) + n - (before[i]![api] ?? 0);
  });
  const meanCycles = cycles.reduce((s, n) => s + n, 0) / cycles.length;
  const latencies: number[] = [];
  let missing = 0;
  for (const { account, failure } of scheduled) {
    const row = await accounts[account]!.store.failure({ executionArn: failure.executionArn, redriveCount: 0 });
    if (row) latencies.push(Date.parse(row.firstSeenAt) - failure.stopMs);
    else missing += 1;
  }
  latencies.sort((x, y) => x - y);
  const listOrMetric = (totals.ListExecutions ?? 0) + (totals.GetMetricData ?? 0);
  console.log(
    JSON.stringify({
      strategy: STRATEGY,
      scopes: ACCOUNTS * REGIONS.length,
      stateMachines: ACCOUNTS * REGIONS.length * MACHINES,
      cycles: meanCycles,
      cycleMs: (end - start) / meanCycles,
      callsPerCycle: listOrMetric / meanCycles,
      listPerCycle: (totals.ListExecutions ?? 0) / meanCycles,
      metricPerCycle: (totals.GetMetricData ?? 0) / meanCycles,
      allPerCycle: Object.values(totals).reduce((s, n) => s + n, 0) / meanCycles,
      throttled: accounts.reduce((s, a) => s + a.fleet.throttled(), 0),
      failures: scheduled.length,
      missing,
      medianMs: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      maxMs: latencies.at(-1) ?? null,
      wallMs: performance.now() - wallStart,
    }),
  );
  await Promise.all(accounts.map((a) => a.store.close()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
