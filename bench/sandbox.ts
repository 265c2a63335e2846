/**
 * How soon a fresh sandbox shows every failure kind it seeds: seconds from startSandbox() until the first
 * execution of each failing scenario closes with its expected status (read with ListExecutions, as the dashboard
 * reads them), and until all have. Target: every kind within 60 s — the figure sandbox.test.ts used to assert.
 * Baseline: the sandbox's own start-up (moto, probes, seed). Run alone: `npx tsx bench/sandbox.ts`.
 */
import { pathToFileURL } from "node:url";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { createMotoClients } from "@/sandbox/aws-clients";
import { startSandbox } from "@/sandbox";
import { WORKFLOWS, stateMachineArn } from "@/sandbox/seed";
import type { BenchFigure } from "./figure";

const TARGET_S = 60;
const GIVE_UP_S = 300;

/** The sandbox's failure kinds and when each first showed up. */
export async function runSandboxBench(): Promise<BenchFigure[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const t0 = performance.now();
  const sandbox = await startSandbox({ port: 0, traffic: { ratePerMin: 6, bigMapAfterMs: null } });
  const startupS = (performance.now() - t0) / 1000;
  const clients = createMotoClients(sandbox.endpoint);
  const pending = WORKFLOWS.flatMap((wf) => wf.scenarios.filter((s) => s.expect.status !== "SUCCEEDED").map((s) => ({ stateMachine: wf.name, scenario: s.name, status: s.expect.status })));
  const seenS = new Map<string, number>();
  try {
    while (seenS.size < pending.length && (performance.now() - t0) / 1000 < GIVE_UP_S) {
      for (const p of pending) {
        const key = `${p.stateMachine}/${p.scenario}`;
        if (seenS.has(key)) continue;
        const out = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn(p.stateMachine), statusFilter: p.status, maxResults: 100 }));
        if ((out.executions ?? []).some((e) => e.name?.startsWith(`${p.scenario}-`))) seenS.set(key, (performance.now() - t0) / 1000);
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    clients.destroy();
    await sandbox.stop();
  }
  const all = seenS.size === pending.length ? Math.max(...seenS.values()) : Number.POSITIVE_INFINITY;
  return [
    ...[...seenS].map(([name, s]) => ({ name: `first ${name}`, value: s, unit: "s" })),
    { name: `every failure kind (${seenS.size}/${pending.length})`, value: all, unit: "s", target: TARGET_S, baseline: { name: "start-up", value: startupS }, ratio: all / startupS, ok: all <= TARGET_S },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  void runSandboxBench().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}${f.target ? ` (target ${f.target} ${f.unit})` : ""}`);
  });
}
