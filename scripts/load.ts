// `npm run load [-- --seconds N] [-- --clients N]`: starts the sandbox and `next start` on loopback, then
// N (default 50) clients poll /api/fleet and /api/executions/{arn} (a few real failing executions) for a
// bounded time (default 120 s), once with no faults and once with the gateway throttling 30% of AWS calls.
// The app polls AWS every --poll-ms (default 5000, SFN_TRIAGE_POLL_MS) so each phase holds several poll cycles.
// Prints p50/p95/p99 latency, errors (target 0) and the AWS calls the app made (GET /__sandbox/stats).
// Stops everything it started, by process group, even on error or Ctrl-C.
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { startAppHarness, type AppHarness } from "../bench/app-harness";

interface Options { seconds: number; clients: number; intervalMs: number; pollMs: number }

function parseArgs(argv: string[]): Options {
  const opts: Options = { seconds: 120, clients: 50, intervalMs: 1_000, pollMs: 5_000 };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === "--seconds") opts.seconds = value;
    else if (argv[i] === "--clients") opts.clients = value;
    else if (argv[i] === "--interval-ms") opts.intervalMs = value;
    else if (argv[i] === "--poll-ms") opts.pollMs = value;
    else continue;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${argv[i]} needs a positive number`);
    i++;
  }
  return opts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface PhaseResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  latencies: Record<"fleet" | "execution" | "all", number[]>;
  stale: number;
  stats: { total: number; operations: Record<string, number>; faults: Record<string, number> };
}

async function runPhase(h: AppHarness, arns: string[], opts: Options): Promise<PhaseResult> {
  await fetch(`${h.sandbox.endpoint}/__sandbox/stats`, { method: "DELETE" });
  const result: PhaseResult = { requests: 0, errors: 0, errorSamples: [], latencies: { fleet: [], execution: [], all: [] }, stale: 0, stats: { total: 0, operations: {}, faults: {} } };
  const endAt = Date.now() + opts.seconds * 1000;
  const hit = async (kind: "fleet" | "execution", url: string) => {
    const start = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      const body = (await res.json()) as { history?: { error: unknown }; error?: unknown };
      if (!res.ok) throw new Error(`HTTP ${res.status} ${url.replace(h.appUrl, "")}`);
      if (body.error || body.history?.error) result.stale += 1;
    } catch (error) {
      result.errors += 1;
      if (result.errorSamples.length < 5) result.errorSamples.push(error instanceof Error ? error.message : String(error));
    }
    const ms = performance.now() - start;
    result.requests += 1;
    result.latencies[kind].push(ms);
    result.latencies.all.push(ms);
  };
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, i) => {
      await sleep((opts.intervalMs / opts.clients) * i);
      let n = i;
      while (Date.now() < endAt) {
        await hit("fleet", `${h.appUrl}/api/fleet`);
        await hit("execution", `${h.appUrl}/api/executions/${encodeURIComponent(arns[n++ % arns.length]!)}`);
        await sleep(opts.intervalMs);
      }
    }),
  );
  const statsRes = await fetch(`${h.sandbox.endpoint}/__sandbox/stats`);
  result.stats = (await statsRes.json()) as PhaseResult["stats"];
  return result;
}

function print(label: string, r: PhaseResult, seconds: number) {
  console.log(`\n== ${label}`);
  for (const kind of ["all", "fleet", "execution"] as const) {
    const sorted = [...r.latencies[kind]].sort((a, b) => a - b);
    const f = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`  ${kind.padEnd(9)} n=${sorted.length}  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1] ?? NaN)}`);
  }
  console.log(`  requests ${r.requests} (${(r.requests / seconds).toFixed(1)}/s)  errors ${r.errors} (target 0)${r.errors ? "  MISSED" : "  ok"}  answers marked stale ${r.stale}`);
  for (const sample of r.errorSamples) console.log(`    error: ${sample}`);
  const ops = Object.entries(r.stats.operations).map(([op, n]) => `${op} ${n}`).join(", ");
  console.log(`  AWS calls made by the app: ${r.stats.total} (${(r.stats.total / seconds).toFixed(2)}/s): ${ops || "none"}`);
  console.log(`  gateway faults: ${JSON.stringify(r.stats.faults)}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  console.log(`load: ${opts.clients} clients, each GET /api/fleet then GET /api/executions/{arn} every ${opts.intervalMs} ms, ${opts.seconds} s per phase, app polling AWS every ${opts.pollMs} ms (loopback only)`);
  const h = await startAppHarness({ env: { SFN_TRIAGE_POLL_MS: String(opts.pollMs) }, log: (line) => (process.env.LOAD_VERBOSE ? console.error(line) : undefined) });
  const onSignal = () => void h.stop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    // Real failing executions of the sandbox, once the first poll has found a few.
    let arns: string[] = [];
    const deadline = Date.now() + 90_000;
    while (arns.length < 3 && Date.now() < deadline) {
      const fleet = await h.getJson<FleetSnapshot>(`${h.appUrl}/api/fleet`);
      // Four failing ones and, when there is one, a running one (re-read every 5 s, so it meets the throttling).
      arns = fleet.failing.filter((e) => e.status === "FAILED" || e.status === "TIMED_OUT").slice(0, 4).map((e) => e.executionArn);
      if (fleet.running[0]) arns.push(fleet.running[0].executionArn);
      if (arns.length < 3) await sleep(2_000);
    }
    if (arns.length === 0) throw new Error("the sandbox produced no failing execution within 90 s");
    console.log(`executions polled: ${arns.map((a) => a.split(":").pop()).join(", ")}`);

    const clean = await runPhase(h, arns, opts);
    print("no faults", clean, opts.seconds);
    await fetch(`${h.sandbox.endpoint}/__sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ throttleRate: 0.3 }) });
    const throttled = await runPhase(h, arns, opts);
    await fetch(`${h.sandbox.endpoint}/__sandbox/faults`, { method: "DELETE" });
    print("gateway throttling 30% of AWS calls (throttleRate 0.3)", throttled, opts.seconds);
    const failed = clean.errors + throttled.errors;
    console.log(failed ? `\n${failed} request(s) failed.` : "\nNo request failed.");
    process.exitCode = failed ? 1 : 0;
  } finally {
    await h.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
