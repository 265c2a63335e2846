/**
 * Figures of the running app (`next start` on the sandbox, traffic on):
 * - AWS calls per poll cycle with 1, 10 and 50 browser clients polling /api/fleet every 500 ms, against the
 *   minimum (STANDARD state machines × 3 status filters; nothing for cached terminal executions).
 *   Target: ListExecutions per cycle ÷ minimum ≤ 1.1, not growing with clients. SFN_TRIAGE_POLL_MS=2000 and
 *   SFN_TRIAGE_QUOTA_SHARE=1 so the budget does not stretch cycles while we count them.
 * (First-load JavaScript and time to interactive are in bench/pages.ts.)
 * Run alone: `npx tsx bench/run.ts app`. Needs python3 with moto (the sandbox); builds the app if .next is missing.
 */
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { startAppHarness, type AppHarness } from "./app-harness";
import type { BenchFigure } from "./figure";

const POLL_MS = 2_000;
const CLIENT_POLL_MS = 500;
const CYCLES_PER_RUN = 3;
const RATIO_TARGET = 1.1;
const CLIENT_COUNTS = [1, 10, 50];

interface Stats { total: number; operations: Record<string, number> }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the poller has finished `cycles` more cycles (updatedAt moves), returns how many it saw. */
async function waitCycles(h: AppHarness, cycles: number, timeoutMs: number): Promise<number> {
  let last = (await h.getJson<FleetSnapshot>(`${h.appUrl}/api/fleet`)).updatedAt;
  let seen = 0;
  const deadline = Date.now() + timeoutMs;
  while (seen < cycles) {
    if (Date.now() > deadline) throw new Error(`only ${seen} of ${cycles} poll cycles finished in ${timeoutMs} ms`);
    await sleep(100);
    const now = (await h.getJson<FleetSnapshot>(`${h.appUrl}/api/fleet`)).updatedAt;
    if (now !== last) {
      seen += 1;
      last = now;
    }
  }
  return seen;
}

async function measureClients(h: AppHarness, clients: number) {
  // Start counting right after a cycle finished, so the window holds whole cycles only.
  await waitCycles(h, 1, 60_000);
  await fetch(`${h.sandbox.endpoint}/__sandbox/stats`, { method: "DELETE" });
  let stop = false;
  let requests = 0;
  let errors = 0;
  const loops = Array.from({ length: clients }, async (_, i) => {
    await sleep((CLIENT_POLL_MS / clients) * i);
    while (!stop) {
      try {
        const res = await fetch(`${h.appUrl}/api/fleet`);
        await res.arrayBuffer();
        if (!res.ok) errors += 1;
      } catch {
        errors += 1;
      }
      requests += 1;
      await sleep(CLIENT_POLL_MS);
    }
  });
  const cycles = await waitCycles(h, CYCLES_PER_RUN, 120_000);
  const stats = await h.getJson<Stats>(`${h.sandbox.endpoint}/__sandbox/stats`);
  stop = true;
  await Promise.all(loops);
  return { cycles, stats, requests, errors };
}

/** Measures the running app and returns its figures (bench/run.ts prints them). */
export async function runAppBench(): Promise<BenchFigure[]> {
  const h = await startAppHarness({ env: { SFN_TRIAGE_POLL_MS: String(POLL_MS), SFN_TRIAGE_QUOTA_SHARE: "1" } });
  const figures: BenchFigure[] = [];
  try {
    // Two warm-up cycles: state machines listed, definitions read, failures of the opening burst summarised.
    await waitCycles(h, 2, 120_000);
    const snapshot = await h.getJson<FleetSnapshot>(`${h.appUrl}/api/fleet`);
    const standard = snapshot.stateMachines.filter((sm) => sm.type === "STANDARD").length;
    const minimum = standard * 3;
    figures.push({ name: "poll: STANDARD state machines (sandbox seed)", value: standard, unit: "state machines" });
    figures.push({ name: "poll: minimum ListExecutions per cycle (× 3 status filters)", value: minimum, unit: "calls" });
    const ratios: number[] = [];
    for (const clients of CLIENT_COUNTS) {
      const r = await measureClients(h, clients);
      const list = r.stats.operations.ListExecutions ?? 0;
      const perCycle = list / r.cycles;
      const ratio = perCycle / minimum;
      ratios.push(ratio);
      figures.push({
        name: `poll: ListExecutions per cycle, ${clients} client(s) (+1 watcher) over ${r.cycles} cycles`,
        value: Math.round(perCycle * 100) / 100,
        unit: "calls",
        target: minimum * RATIO_TARGET,
        baseline: { name: "minimum", value: minimum },
        ratio: Math.round(ratio * 1000) / 1000,
        ok: ratio <= RATIO_TARGET,
      });
      const others = Object.entries(r.stats.operations).filter(([op]) => op !== "ListExecutions").map(([op, n]) => `${op} ${n}`).join(", ");
      figures.push({ name: `poll: all AWS calls per cycle, ${clients} client(s) (other: ${others || "none"})`, value: Math.round((r.stats.total / r.cycles) * 100) / 100, unit: "calls" });
      figures.push({ name: `poll: /api/fleet requests served, ${clients} client(s) (errors ${r.errors})`, value: r.requests, unit: "requests" });
    }
    const growth = ratios[ratios.length - 1]! / ratios[0]!;
    figures.push({ name: "poll: ratio at 50 clients ÷ ratio at 1 client (not growing)", value: Math.round(growth * 1000) / 1000, unit: "×", target: RATIO_TARGET, ok: growth <= RATIO_TARGET });
  } finally {
    await h.stop();
  }
  return figures;
}
