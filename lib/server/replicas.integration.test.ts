/**
 * Two dashboard replicas on one Postgres, against the shared sandbox (real child processes, each running the
 * composition root's poller on the lease): only the leader calls AWS; SIGKILL the leader and the other takes the
 * lease within one poll interval (asserted with a 10× margin) and polls; no failure is missed or counted twice
 * (rows per execution ARN in the index against the sandbox's own list of failed executions).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../../sandbox/aws-clients";
import { pollUntil } from "../../sandbox/poll-until";
import { sharedSandbox, type SharedSandbox } from "../../test-support/shared-sandbox";
import { startTestPostgres, type TestPostgres } from "./store/testing/postgres";
import { listExecutions, resetClients } from "@/lib/aws";

const ROOT = path.resolve(__dirname, "../..");
const INTERVAL_MS = 2_000;
// An order of magnitude over the interval: the claim is "within one interval", the margin is for a loaded machine.
const TAKEOVER_DEADLINE_MS = 10 * INTERVAL_MS;
const DEFINITION = JSON.stringify({ StartAt: "Charge", States: { Charge: { Type: "Fail", Error: "Payment.Declined", CausePath: "$.cause" } } });

interface Line {
  pid: number;
  role: "leader" | "follower";
  holder: string | null;
  updatedAt: string | null;
  error: string | null;
  awsCalls: number;
  stored: number | null;
  at: number;
}

interface Replica {
  child: ChildProcess;
  lines: Line[];
  last(): Line | undefined;
  stderr: string[];
}

let postgres: TestPostgres;
let databaseUrl: string;
let sandbox: SharedSandbox;
let sfn: SFNClient;
let stateMachineArn: string;
const replicas: Replica[] = [];
const savedEnv = { ...process.env };

function startReplica(): Replica {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test-support/replica-process.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_REGION: sandbox.region,
      AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      SFN_TRIAGE_REGIONS: sandbox.region,
      SFN_TRIAGE_POLL_MS: String(INTERVAL_MS),
    },
  });
  const replica: Replica = { child, lines: [], stderr: [], last: () => replica.lines.at(-1) };
  createInterface({ input: child.stdout! }).on("line", (text) => {
    try {
      replica.lines.push(JSON.parse(text) as Line);
    } catch {
      replica.stderr.push(text);
    }
  });
  createInterface({ input: child.stderr! }).on("line", (text) => replica.stderr.push(text));
  replicas.push(replica);
  return replica;
}

function describeReplica(r: Replica): string {
  return `pid ${r.child.pid}, last line ${JSON.stringify(r.last())}, stderr: ${r.stderr.slice(-10).join(" | ")}`;
}

async function untilLine(r: Replica, what: string, test: (l: Line) => boolean, timeoutMs = 120_000): Promise<Line> {
  return pollUntil(what, async () => {
    if (r.child.exitCode !== null) throw new Error(`replica exited (${r.child.exitCode}) while waiting for ${what}: ${describeReplica(r)}`);
    return r.lines.find(test) ?? null;
  }, { timeoutMs, intervalMs: 50 }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; ${describeReplica(r)}`);
  });
}

async function startFailures(label: string, n: number): Promise<string[]> {
  const arns: string[] = [];
  for (let i = 0; i < n; i++) {
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: `${label}-${i}`, input: JSON.stringify({ cause: `card ${label}-${i} declined (request ${crypto.randomUUID()})` }) }));
    arns.push(out.executionArn!);
  }
  return arns;
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const indexedArns = async () => (await query<{ execution_arn: string }>("SELECT execution_arn FROM failures WHERE state_machine_arn = $1", [stateMachineArn])).map((r) => r.execution_arn);

beforeAll(async () => {
  postgres = await startTestPostgres();
  databaseUrl = await postgres.createDatabase("replicas");
  sandbox = await sharedSandbox();
  await sandbox.ensureMoto();
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.endpoint, AWS_REGION: sandbox.region, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
  resetClients();
  sfn = new SFNClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: SANDBOX_CREDENTIALS });
  const created = await sfn.send(new CreateStateMachineCommand({ name: `replicas-${Date.now()}`, definition: DEFINITION, roleArn: "arn:aws:iam::123456789012:role/replicas" }));
  stateMachineArn = created.stateMachineArn!;
}, 180_000);

afterAll(async () => {
  for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
  sfn?.destroy();
  resetClients();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  await postgres?.stop();
}, 60_000);

describe.sequential("two replicas on one Postgres", () => {
  it("only the leader polls; killed, the other takes over within one interval and no failure is missed or doubled", { timeout: 300_000 }, async () => {
    const a = startReplica();
    const aLeads = await untilLine(a, "the first replica leads and completes a cycle", (l) => l.role === "leader" && l.updatedAt !== null);
    expect(aLeads.holder).toBe(`${aLeads.holder!.split("/")[0]}/${a.child.pid}`);
    const b = startReplica();
    await untilLine(b, "the second replica follows the first", (l) => l.role === "follower" && l.holder === aLeads.holder && l.updatedAt !== null);

    const before = await startFailures("before", 10);
    await pollUntil("the leader indexes the first 10 failures", async () => ((await indexedArns()).length >= before.length ? true : null), { timeoutMs: 120_000, intervalMs: 500 });
    // Several of the leader's cycles have run by now; the follower has not sent one AWS call.
    expect(b.last()).toMatchObject({ role: "follower", awsCalls: 0 });
    expect(a.last()!.awsCalls).toBeGreaterThan(0);

    // Failures closing around the kill: some before the new leader's first cycle, none listed by the old one.
    const around = await startFailures("around", 10);
    const killedAt = Date.now();
    a.child.kill("SIGKILL");
    const bLeads = await untilLine(b, "the second replica takes the lease", (l) => l.role === "leader", TAKEOVER_DEADLINE_MS + 5_000);
    const takeoverMs = bLeads.at - killedAt;
    process.stderr.write(`replicas: the follower took the lease ${takeoverMs} ms after SIGKILL (interval ${INTERVAL_MS} ms)\n`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_DEADLINE_MS);
    await untilLine(b, "the new leader completes a cycle", (l) => l.role === "leader" && l.updatedAt !== null && Date.parse(l.updatedAt) > killedAt);
    expect(b.last()!.awsCalls).toBeGreaterThan(0);

    const after = await startFailures("after", 10);
    const started = [...before, ...around, ...after];
    const listed = await pollUntil("30 FAILED executions in ListExecutions", async () => {
      const arns = (await listExecutions({ stateMachineArn, statusFilter: "FAILED", maxItems: 1000 })).map((e) => e.executionArn);
      return arns.length >= started.length ? arns : null;
    }, { timeoutMs: 120_000, intervalMs: 1_000 });
    expect(new Set(listed)).toEqual(new Set(started));
    await pollUntil("the new leader indexes every failure", async () => ((await indexedArns()).length >= listed.length ? true : null), { timeoutMs: 120_000, intervalMs: 500 });

    const rows = await query<{ execution_arn: string; n: number }>("SELECT execution_arn, count(*)::int AS n FROM failures WHERE state_machine_arn = $1 GROUP BY execution_arn", [stateMachineArn]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.execution_arn))).toEqual(new Set(listed));
    // Across the whole index too (the shared sandbox's traffic fails executions all along): one row per execution.
    expect(await query("SELECT execution_arn FROM failures GROUP BY execution_arn HAVING count(*) > 1")).toEqual([]);

    b.child.kill("SIGTERM");
    await pollUntil("the second replica stops", async () => (b.child.exitCode !== null || b.child.signalCode !== null ? true : null), { timeoutMs: 30_000, intervalMs: 100 });
  });
});
