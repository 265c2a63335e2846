// Child of bench/triage-latency.ts (runs under --conditions=react-server): time to the failure on screen
// for a GENERATED 25,000-event failed Map execution, served by bench/fake-sfn.ts with a delay per call.
import { generateMapHistory } from "@/test-support/generate-history";
import { startFakeSfn } from "./fake-sfn";

const LATENCY_MS = Number(process.env.BENCH_AWS_LATENCY_MS ?? 100);
const RUNS = Number(process.env.BENCH_TRIAGE_RUNS ?? 5);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 3);
const EXECUTION_ARN = "arn:aws:states:us-east-1:111111111111:execution:bench-map:run-25000";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const generated = generateMapHistory({ items: 4_000, concurrency: 10, payloadChars: 400 });
  const last = generated.events[generated.events.length - 1]!;
  if (generated.events.length !== 25_000 || last.type !== "ExecutionFailed") throw new Error("the generated history is not a 25,000-event failure");
  const fake = await startFakeSfn({ executionArn: EXECUTION_ARN, events: generated.events, definition: generated.definition, latencyMs: LATENCY_MS });
  // lib/aws reads the endpoint when it builds a client: set it before the first import.
  Object.assign(process.env, { AWS_ENDPOINT_URL: fake.endpoint, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench" });
  delete process.env.AWS_PROFILE;
  const aws = await import("@/lib/aws");
  const { TriageService } = await import("@/lib/server/executions");
  const { buildExecutionReport } = await import("@/lib/analysis");
  aws.resetClients();
  const freeBudget = { take: async () => {} };

  try {
    // Warm-up: SDK, JIT and the fake's first connection, not measured.
    const warm = new TriageService({ budget: freeBudget as never });
    await warm.getTriage(EXECUTION_ARN);
    await warm.getEvents(EXECUTION_ARN);

    const triageMs: number[] = [];
    const firstPageCalls: number[] = [];
    let failedState: string | null = null;
    let eventsOnFirstAnswer = 0;
    for (let i = 0; i < RUNS; i++) {
      const service = new TriageService({ budget: freeBudget as never });
      for (const key of Object.keys(fake.calls)) delete fake.calls[key];
      const start = performance.now();
      const triage = await service.getTriage(EXECUTION_ARN);
      const elapsed = performance.now() - start;
      if (!triage.report.failure) throw new Error("getTriage returned without the failure");
      failedState = triage.report.failure.state ?? null;
      eventsOnFirstAnswer = triage.history.eventsFetched;
      firstPageCalls.push(Object.values(fake.calls).reduce((a, b) => a + b, 0));
      triageMs.push(elapsed);
      // Let the background pages finish so they don't overlap the next run.
      await service.getEvents(EXECUTION_ARN);
    }

    const baselineMs: number[] = [];
    let baselineCalls = 0;
    for (let i = 0; i < BASELINE_RUNS; i++) {
      for (const key of Object.keys(fake.calls)) delete fake.calls[key];
      const start = performance.now();
      const execution = await aws.describeExecution(EXECUTION_ARN);
      const definition = await aws.describeStateMachineForExecution(EXECUTION_ARN);
      const events = await aws.getExecutionHistory(EXECUTION_ARN);
      const report = buildExecutionReport(events, { definition: definition.definition, region: "us-east-1", now: Date.now(), complete: true });
      const elapsed = performance.now() - start;
      if (!report.failure || execution.status !== "FAILED") throw new Error("the baseline found no failure");
      baselineMs.push(elapsed);
      baselineCalls = Object.values(fake.calls).reduce((a, b) => a + b, 0);
    }
    console.log(JSON.stringify({
      latencyMs: LATENCY_MS,
      events: generated.events.length,
      triageMs: median(triageMs),
      triageRunsMs: triageMs,
      callsBeforeAnswer: median(firstPageCalls),
      eventsOnFirstAnswer,
      failedState,
      baselineMs: median(baselineMs),
      baselineRunsMs: baselineMs,
      baselineCalls,
    }));
  } finally {
    aws.resetClients();
    await fake.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
