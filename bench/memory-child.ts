// Child of bench/memory.ts (runs with --expose-gc --conditions=react-server): server memory with 1,000 state
// machines and 20,000 cached terminal executions, all through fake deps (no AWS, no network).
import fs from "node:fs";
import path from "node:path";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { StateMachineSummary } from "@/lib/domain/state-machine";

const STATE_MACHINES = 1_000;
const PER_STATUS: Record<string, number> = { FAILED: 10, TIMED_OUT: 10, RUNNING: 5 };
const CLOSED_EXECUTIONS = 20_000;
const REGION = "us-east-1";
const ACCOUNT = "111111111111";

const gc = (globalThis as { gc?: () => void }).gc;
function heapAfterGc(): number {
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

interface Fixture { definition: string | null; eventsText: string; events: number }

/** Recorded failing histories (real AWS shapes), parsed afresh per call so no two executions share objects. */
function loadFailingFixtures(): Fixture[] {
  const dir = path.resolve(process.cwd(), "../shared/fixtures/aws-recorded");
  const out: Fixture[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    const data = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as { definition: string | null; events: HistoryEvent[] };
    const last = data.events[data.events.length - 1];
    if (!data.definition || last?.type !== "ExecutionFailed") continue;
    out.push({ definition: data.definition, eventsText: JSON.stringify(data.events), events: data.events.length });
  }
  if (out.length === 0) throw new Error(`no failing fixtures with a definition in ${dir}`);
  return out;
}

async function main() {
  const fixtures = loadFailingFixtures();
  const { FleetPoller } = await import("@/lib/server/poller");
  const { TriageService } = await import("@/lib/server/executions");
  const freeBudget = { take: async () => {}, available: () => Number.POSITIVE_INFINITY } as never;
  const now = () => Date.parse("2026-01-01T00:00:00Z");
  const baseHeap = heapAfterGc();
  const baseRss = process.memoryUsage().rss;

  // --- the fleet poller: 1,000 state machines, 25 listed executions each (20 terminal, 5 running).
  const smArn = (i: number) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:bench-sm-${i}`;
  const stateMachines: StateMachineSummary[] = Array.from({ length: STATE_MACHINES }, (_, i) => ({
    stateMachineArn: smArn(i), name: `bench-sm-${i}`, type: "STANDARD", region: REGION, creationDate: "2025-01-01T00:00:00.000Z",
  }) as StateMachineSummary);
  const fixtureFor = (n: number) => fixtures[n % fixtures.length]!;
  const pollerPage = (arn: string) => {
    const events = JSON.parse(fixtureFor(arn.length + arn.charCodeAt(arn.length - 1)).eventsText) as HistoryEvent[];
    return { events: events.reverse(), nextToken: null };
  };
  const listedCache = new Map<string, ExecutionSummary[]>();
  const poller = new FleetPoller([REGION], {
    budget: freeBudget,
    now,
    listStateMachines: async () => stateMachines.map((sm) => ({ ...sm })),
    describeAlarms: async () => [],
    describeStateMachine: async (arn: string) => ({ ...stateMachines[0]!, stateMachineArn: arn, definition: fixtures[0]!.definition! }) as never,
    getExecutionMetrics: async () => ({ region: REGION, from: "", to: "", periodSeconds: 3600, byStateMachine: {}, partial: false, messages: [] }) as never,
    getExecutionHistoryPage: async (arn: string) => pollerPage(arn),
    // Built once per state machine and status, then handed out again: only the last cycle's lists are retained
    // either way, and regenerating 75,000 summaries per cycle would time the fake instead of the poller.
    listExecutions: async (input: { stateMachineArn: string; statusFilter?: ExecutionStatus }) => {
      const key = `${input.stateMachineArn}|${input.statusFilter ?? "RUNNING"}`;
      let listed = listedCache.get(key);
      if (!listed) listedCache.set(key, (listed = listFor(input)));
      return listed.slice();
    },
    listExecutionsPage: async (input: { stateMachineArn: string; statusFilter?: ExecutionStatus }) => {
      const key = `${input.stateMachineArn}|${input.statusFilter ?? "RUNNING"}`;
      let listed = listedCache.get(key);
      if (!listed) listedCache.set(key, (listed = listFor(input)));
      return { executions: listed.slice(), nextToken: null };
    },
  });
  function listFor(input: { stateMachineArn: string; statusFilter?: ExecutionStatus }): ExecutionSummary[] {
      const status = input.statusFilter ?? "RUNNING";
      const name = input.stateMachineArn.split(":").pop()!;
      return Array.from({ length: PER_STATUS[status] ?? 0 }, (_, k): ExecutionSummary => ({
        executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${name}:${status.toLowerCase()}-${k}-0f3c9a2e-5b1d-4e7a-9c2f-${String(k).padStart(12, "0")}`,
        stateMachineArn: input.stateMachineArn, name: `${status.toLowerCase()}-${k}`, status,
        startDate: new Date(now() - (k + 1) * 60_000).toISOString(), stopDate: status === "RUNNING" ? null : new Date(now() - k * 60_000).toISOString(),
      }));
  }
  const terminalListed = STATE_MACHINES * (PER_STATUS.FAILED! + PER_STATUS.TIMED_OUT!);
  // Failure details are read while the budget lasts (free here, capped per cycle): cycles until all are read.
  const cycles = Math.ceil(terminalListed / 400) + 1;
  const pollStart = performance.now();
  for (let c = 0; c < cycles; c++) await poller.pollOnce();
  const pollMs = performance.now() - pollStart;
  // Steady state: every failure summarised, nothing new; what one cycle costs in CPU with 1,000 state machines.
  const steadyStart = performance.now();
  for (let c = 0; c < 3; c++) await poller.pollOnce();
  const steadyCycleMs = (performance.now() - steadyStart) / 3;
  const snapshot = poller.snapshot();
  // Failures live in the failure index now (an in-memory SQLite here): count what it holds with details.
  const progress = await (await poller.store()).progress();
  const summarised = progress.stored - progress.pending;
  const pollerHeap = heapAfterGc();

  // --- the triage service: 20,000 closed executions, each a real recorded failing history.
  let n = 0;
  const triage = new TriageService({
    budget: freeBudget,
    now,
    describeExecution: async (arn: string) => ({
      executionArn: arn, stateMachineArn: smArn(0), name: arn.split(":").pop()!, status: "FAILED",
      startDate: "2025-12-31T23:00:00.000Z", stopDate: "2025-12-31T23:01:00.000Z", error: "States.TaskFailed", cause: "bench",
      inputBytes: 2, outputBytes: null, input: "{}", output: null,
    }),
    describeStateMachineForExecution: async () => ({ ...stateMachines[0]!, definition: fixtureFor(n).definition! }) as never,
    getExecutionHistoryPage: async () => ({ events: (JSON.parse(fixtureFor(n).eventsText) as HistoryEvent[]).reverse(), nextToken: null }),
  });
  const triageStart = performance.now();
  for (n = 0; n < CLOSED_EXECUTIONS; n++) {
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:bench-sm-${n % STATE_MACHINES}:closed-${n}-7d1e0c4b-2a9f-4c3e-8b6d-${String(n).padStart(12, "0")}`;
    await triage.getTriage(arn);
    await triage.getEvents(arn);
  }
  const triageMs = performance.now() - triageStart;
  const triageHeap = heapAfterGc();
  const rss = process.memoryUsage().rss;
  if (triage.closedCount !== CLOSED_EXECUTIONS) throw new Error(`only ${triage.closedCount} closed executions cached`);

  console.log(JSON.stringify({
    fixtures: fixtures.length,
    fixtureEventsAvg: fixtures.reduce((a, f) => a + f.events, 0) / fixtures.length,
    stateMachines: snapshot.stateMachines.length,
    terminalListed,
    failingInSnapshot: snapshot.failing.length,
    summarised,
    cycles,
    pollMs,
    steadyCycleMs,
    closed: triage.closedCount,
    triageMs,
    baseHeap,
    baseRss,
    pollerBytes: pollerHeap - baseHeap,
    triageBytes: triageHeap - pollerHeap,
    heapUsed: triageHeap,
    rss,
  }));
  poller.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
