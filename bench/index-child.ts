// Child of bench/index-store.ts (runs with --expose-gc --conditions=react-server). Modes (INDEX_BENCH_MODE):
//   store: write 100,000 failures (listed, then their details) into a fresh index on INDEX_BENCH_BACKEND
//          (sqlite | postgres, the latter a throwaway cluster this child starts and stops), then time the
//          fleet's window view (signatures page + totals + coverage + timeouts + status) at 24 h and 7 d.
//   rss:   open a SQLite index holding INDEX_BENCH_ROWS failures, run the poller (fake AWS) and the window
//          view many times, and report the process's RSS: the index lives on disk, not in the heap.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ExecutionSummary } from "@/lib/domain/execution";

const ROWS = Number(process.env.INDEX_BENCH_ROWS ?? 100_000);
const STATE_MACHINES = 50;
const SIGNATURES_PER_MACHINE = 4;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const SPAN_MS = 7 * 86_400_000;
const REGION = "us-east-1";
const RETENTION = { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 };

const gc = (globalThis as { gc?: () => void }).gc;
const smArn = (i: number) => `arn:aws:states:${REGION}:111111111111:stateMachine:bench-${i}`;

function listed(i: number) {
  const sm = i % STATE_MACHINES;
  const stopMs = NOW - Math.floor((i / ROWS) * SPAN_MS);
  return {
    executionArn: `arn:aws:states:${REGION}:111111111111:execution:bench-${sm}:run-${i}-5b1d4e7a`,
    redriveCount: 0,
    stateMachineArn: smArn(sm),
    versionArn: null,
    aliasArn: null,
    name: `run-${i}-5b1d4e7a`,
    status: (i % 7 === 0 ? "TIMED_OUT" : "FAILED") as "FAILED" | "TIMED_OUT",
    startMs: stopMs - 60_000,
    stopMs,
  };
}

function details(i: number) {
  const kind = Math.floor(i / STATE_MACHINES) % SIGNATURES_PER_MACHINE;
  return {
    originState: `Step${kind}`,
    originPath: `Step${kind}`,
    originError: i % 7 === 0 ? "States.Timeout" : `Bench.Error${kind}`,
    originCause: `Request ${i} to host-${kind} failed after ${i % 1000} ms (request id: 0f3c9a2e-5b1d-4e7a-9c2f-${String(i).padStart(12, "0")})`,
    finalError: i % 7 === 0 ? "States.Timeout" : `Bench.Error${kind}`,
    kind: "task-failed" as const,
  };
}

async function openStore(backend: string, dir: string) {
  const { FailureStore } = await import("@/lib/server/store/failure-store");
  if (backend === "postgres") {
    const { startTestPostgres } = await import("@/lib/server/store/testing/postgres");
    const pg = await startTestPostgres();
    const store = await FailureStore.open({ backend: "postgres", url: pg.url }, RETENTION);
    return { store, stop: async () => (await store.close(), await pg.stop()) };
  }
  const store = await FailureStore.open({ backend: "sqlite", file: path.join(dir, "bench.db") }, RETENTION);
  return { store, stop: () => store.close() };
}

async function fill(store: Awaited<ReturnType<typeof openStore>>["store"]) {
  const listStart = performance.now();
  for (let i = 0; i < ROWS; i += 1000) await store.recordListed(Array.from({ length: Math.min(1000, ROWS - i) }, (_, k) => listed(i + k)), NOW);
  const listMs = performance.now() - listStart;
  const detailStart = performance.now();
  // In batches of 25, as the poller writes them (one transaction per batch).
  for (let i = 0; i < ROWS; i += 25) await store.recordDetailsMany(Array.from({ length: Math.min(25, ROWS - i) }, (_, k) => ({ key: listed(i + k), details: details(i + k) })));
  const detailMs = performance.now() - detailStart;
  return { listMs, detailMs };
}

async function windowView(store: Awaited<ReturnType<typeof openStore>>["store"], windowMs: number) {
  const f = { fromMs: NOW - windowMs, toMs: NOW };
  await Promise.all([store.signatures(f, { limit: 50 }), store.count(f), store.countsByStateMachine(f), store.timeoutsByStateMachine(f), store.indexStatus({ fresh: true })]);
}

async function median(fn: () => Promise<void>, runs = 15): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function storeMode(backend: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "sfn-triage-bench-"));
  const { store, stop } = await openStore(backend, dir);
  try {
    const { listMs, detailMs } = await fill(store);
    const day = await median(() => windowView(store, 86_400_000));
    const week = await median(() => windowView(store, SPAN_MS));
    const page = await median(async () => void (await store.executions({ fromMs: NOW - SPAN_MS, toMs: NOW, q: "bench.error2" }, { limit: 50 })));
    const status = await store.indexStatus();
    console.log(JSON.stringify({ rows: status.stored, listPerS: ROWS / (listMs / 1000), detailsPerS: ROWS / (detailMs / 1000), dayMs: day, weekMs: week, searchMs: page }));
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rssMode() {
  const dir = mkdtempSync(path.join(tmpdir(), "sfn-triage-bench-"));
  const { store, stop } = await openStore("sqlite", dir);
  try {
    await fill(store);
    const { FleetPoller } = await import("@/lib/server/poller");
    const { getFailureSignatures, getFailureExecutions } = await import("@/lib/server/failures");
    const smList = Array.from({ length: STATE_MACHINES }, (_, i) => ({ stateMachineArn: smArn(i), name: `bench-${i}`, type: "STANDARD" as const, region: REGION, creationDate: "" }));
    const none = async () => ({ executions: [] as ExecutionSummary[], nextToken: null });
    const poller = new FleetPoller([REGION], {
      store,
      now: () => NOW,
      budget: { take: async () => {}, available: () => Number.POSITIVE_INFINITY } as never,
      listStateMachines: async () => smList,
      describeAlarms: async () => [],
      listExecutions: async () => [],
      listExecutionsPage: none,
      describeStateMachine: async (arn: string) => ({ ...smList[0]!, stateMachineArn: arn, definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } }) }),
      getExecutionHistoryPage: async () => ({ events: [], nextToken: null }),
      getExecutionMetrics: async () => ({ region: REGION, from: "", to: "", periodSeconds: 3600, byStateMachine: {}, partial: false, messages: [] }),
    });
    const deps = { store: async () => store, alarms: () => poller.alarms(), failureSeries: () => poller.failureSeries() };
    const { parseFailuresQuery } = await import("@/lib/server/failures-query");
    for (let c = 0; c < 20; c++) {
      await poller.pollOnce();
      await getFailureSignatures(parseFailuresQuery({ window: "7d", group: "signature", limit: "50" }, NOW), deps);
      await getFailureExecutions(parseFailuresQuery({ window: "7d", limit: "50" }, NOW), deps);
    }
    gc?.();
    gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    console.log(JSON.stringify({ rows: (await store.indexStatus()).stored, rss, heapUsed }));
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.env.INDEX_BENCH_MODE === "rss") await rssMode();
  else await storeMode(process.env.INDEX_BENCH_BACKEND ?? "sqlite");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
