/**
 * Figures under hostile load, against a production build on the sandbox (loopback only, bounded):
 * - AWS calls per distinct unknown execution ARN in a flood of requests for made-up executions (target ≤ 1),
 *   and for ARNs of a region the dashboard doesn't watch (target 0);
 * - /api/health latency while 20 clients at a time send wrong passwords (target p99 < 100 ms), beside
 *   its latency with no flood (baseline);
 * - server RSS after visiting N closed executions whose input is 250 KB each (default 1,000,
 *   BENCH_HOSTILE_EXECUTIONS; target < 400 MB), beside the RSS before the crawl (baseline): flat means the
 *   caches keep sizes and reports, not payload text.
 * Run alone: `npx tsx bench/run.ts hostile`. Needs python3 with moto; builds the app if .next is missing.
 */
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { readdirSync, readFileSync } from "node:fs";
import { hashPassword } from "../lib/server/auth";
import { startSandbox } from "../sandbox";
import { startApp } from "./app-process";
import type { BenchFigure } from "./figure";

const PASSWORD = "bench password";
const PAYLOAD_BYTES = 250_000;
const RSS_TARGET = 400 * 1024 ** 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

/** RSS of every process in the app's process group (`next start` and any server it forks). */
function rssOf(groupId: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of /proc/PID/stat is the process group; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== groupId) continue;
      total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

async function healthLatencies(appUrl: string, whileRunning: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const start = performance.now();
      await (await fetch(`${appUrl}/api/health`)).arrayBuffer();
      latencies.push(performance.now() - start);
      await sleep(50);
    }
  })();
  await whileRunning();
  done = true;
  await probe;
  return latencies;
}

/** Runs the hostile-load figures (bench/run.ts prints them). */
export async function runHostileBench(): Promise<BenchFigure[]> {
  const sandbox = await startSandbox({ port: 0, traffic: false });
  const figures: BenchFigure[] = [];
  try {
    const sfn = new SFNClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    const stats = async () => ((await (await fetch(`${sandbox.endpoint}/__sandbox/stats`)).json()) as { operations: Record<string, number> }).operations;

    // 1. Unknown-ARN flood.
    const app = await startApp({ endpoint: sandbox.endpoint, region: sandbox.region, env: { SFN_TRIAGE_BASIC_AUTH: hashPassword("ops", PASSWORD), SFN_TRIAGE_CLIENT_RATE: "1000", SFN_TRIAGE_CLIENT_BURST: "1000" } });
    const auth = { authorization: `Basic ${Buffer.from(`ops:${PASSWORD}`).toString("base64")}` };
    try {
      const distinct = 100;
      const before = await stats();
      for (let round = 0; round < 3; round++) {
        await Promise.all(Array.from({ length: distinct }, (_, i) => fetch(`${app.appUrl}/api/executions/${encodeURIComponent(`arn:aws:states:${sandbox.region}:123456789012:execution:x:made-up-${i}`)}`, { headers: auth }).then((r) => r.arrayBuffer())));
      }
      const mid = await stats();
      await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`${app.appUrl}/api/executions/${encodeURIComponent(`arn:aws:states:eu-west-3:123456789012:execution:x:foreign-${i}`)}`, { headers: auth }).then((r) => r.arrayBuffer())));
      const after = await stats();
      const sfnCalls = (a: Record<string, number>, b: Record<string, number>) =>
        ["DescribeExecution", "GetExecutionHistory", "DescribeStateMachineForExecution"].reduce((sum, op) => sum + (b[op] ?? 0) - (a[op] ?? 0), 0);
      const perArn = sfnCalls(before, mid) / distinct;
      figures.push({ name: `hostile: AWS calls per distinct unknown execution (${distinct} ARNs × 3 requests)`, value: perArn, unit: "calls", target: 1, ok: perArn <= 1 });
      const foreign = sfnCalls(mid, after);
      figures.push({ name: "hostile: AWS calls for 100 requests of a region not watched", value: foreign, unit: "calls", target: 0, ok: foreign === 0 });

      // 2. Wrong-password flood.
      const quiet = await healthLatencies(app.appUrl, async () => void (await sleep(3_000)));
      const flooded = await healthLatencies(app.appUrl, async () => {
        for (let round = 0; round < 10; round++) {
          await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${app.appUrl}/api/fleet`, { headers: { authorization: `Basic ${Buffer.from(`ops:wrong-${round}-${i}`).toString("base64")}`, "x-forwarded-for": `198.51.100.${i}` } }).then((r) => r.arrayBuffer())));
        }
      });
      const p99 = percentile(flooded, 99);
      figures.push({ name: "hostile: /api/health p99 during a wrong-password flood (200 attempts, 20 at a time)", value: p99, unit: "ms", target: 100, baseline: { name: "no flood", value: percentile(quiet, 99) }, ratio: p99 / percentile(quiet, 99), ok: p99 < 100 });
    } finally {
      await app.stop();
    }

    // 3. Crawl of closed executions with big inputs.
    const count = Number(process.env.BENCH_HOSTILE_EXECUTIONS ?? 1_000);
    const created = await sfn.send(new CreateStateMachineCommand({
      name: "bench-big-inputs",
      roleArn: "arn:aws:iam::123456789012:role/bench",
      definition: JSON.stringify({ StartAt: "Check", States: { Check: { Type: "Pass", Result: { checked: true }, ResultPath: "$.check", Next: "Fail" }, Fail: { Type: "Fail", Error: "Bench.Failed", Cause: "a closed failing execution" } } }),
    }));
    const input = JSON.stringify({ blob: "x".repeat(PAYLOAD_BYTES) });
    const arns: string[] = [];
    for (let i = 0; i < count; i += 20) {
      arns.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, async (_, j) => (await sfn.send(new StartExecutionCommand({ stateMachineArn: created.stateMachineArn, name: `big-${i + j}`, input }))).executionArn!))));
    }
    for (const arn of arns.slice(-5)) {
      for (let tries = 0; tries < 120 && (await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status === "RUNNING"; tries++) await sleep(500);
    }
    const crawler = await startApp({ endpoint: sandbox.endpoint, region: sandbox.region, env: { SFN_TRIAGE_QUOTA_SHARE: "1", SFN_TRIAGE_CLIENT_RATE: "1000", SFN_TRIAGE_CLIENT_BURST: "1000" } });
    try {
      await sleep(2_000);
      const baseRss = rssOf(crawler.pid);
      for (let i = 0; i < arns.length; i += 10) {
        await Promise.all(arns.slice(i, i + 10).map(async (arn) => (await fetch(`${crawler.appUrl}/api/executions/${encodeURIComponent(arn)}`)).arrayBuffer()));
      }
      await sleep(2_000);
      const rss = rssOf(crawler.pid);
      figures.push({ name: `hostile: server RSS after visiting ${arns.length} closed executions with ${PAYLOAD_BYTES.toLocaleString("en-US")}-byte inputs`, value: rss, unit: "bytes", target: RSS_TARGET, baseline: { name: "before the crawl", value: baseRss }, ratio: rss / baseRss, ok: rss < RSS_TARGET });
    } finally {
      await crawler.stop();
    }
  } finally {
    await sandbox.stop();
  }
  return figures;
}
