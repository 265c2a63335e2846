import { DescribeExecutionCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { startApp, type AppProcess } from "../bench/app-process";
import { hashPassword } from "../lib/server/auth";
import { endpoint, seed, sfn } from "./fixtures/aws";
import { expect, test } from "./fixtures/test";
import { until } from "./fixtures/until";

/**
 * Hostile load, loopback only and bounded in count and time. Each test starts its own production app
 * (`next start`) on the e2e sandbox with the settings it needs, and stops it. Figures (latencies, call
 * counts) are recorded as annotations; the thresholds that matter for speed live in `npm run bench`.
 */

const REGION = "us-east-1";
const RUN = Date.now().toString(36);
// Payload contents only: never in a name or an ARN, which the dashboard shows whatever the setting.
const MARKER = `ZZMARK${RUN}PII`;
const PASSWORD = "correct horse battery";
const AUTH = { authorization: `Basic ${Buffer.from(`ops:${PASSWORD}`).toString("base64")}` };
const smArn = (name: "file-pipeline") => seed.stateMachines[name].arn;

test.describe.configure({ mode: "serial", timeout: 240_000 });

async function withApp<T>(env: Record<string, string>, work: (app: AppProcess, logs: string[]) => Promise<T>): Promise<T> {
  const logs: string[] = [];
  const app = await startApp({ endpoint, region: REGION, env: { SFN_TRIAGE_POLL_MS: "3000", ...env }, log: (line) => logs.push(line) });
  try {
    return await work(app, logs);
  } finally {
    await app.stop();
  }
}


/** Executions whose every payload field carries the marker: input, state inputs/outputs, parameters, results, causes. */
async function startMarkedExecutions(): Promise<string[]> {
  const inputs = [
    // Validate's Parameters read $.file.format, which is missing: a States.Runtime failure whose cause may quote the input.
    { fileId: `upload-${MARKER}`, note: `${MARKER} personal data` },
    // A normal run: the marker flows through every state's input and output and the task parameters.
    { fileId: `upload-${MARKER}`, note: MARKER, file: { format: "csv", sizeBytes: 1_000 }, simulate: {} },
  ];
  const arns: string[] = [];
  for (const [i, input] of inputs.entries()) {
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: smArn("file-pipeline"), name: `marked-${RUN}-${i}`, input: JSON.stringify(input) }));
    arns.push(out.executionArn!);
  }
  for (const arn of arns) {
    await until(`${arn} closed`, async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      return d.status !== "RUNNING" ? d.status! : null;
    });
  }
  return arns;
}

/** Every answer a browser or a script can get about these executions, as text. */
async function everyAnswer(app: AppProcess, arns: string[], headers: Record<string, string>): Promise<{ url: string; status: number; body: string }[]> {
  const get = async (path: string, extra: Record<string, string> = {}) => {
    // An RSC fetch is what the router sends on client navigation: the flight payload, not HTML.
    const url = extra.rsc ? `${path}${path.includes("?") ? "&" : "?"}_rsc=probe` : path;
    const res = await fetch(`${app.appUrl}${url}`, { headers: { ...headers, ...extra }, redirect: "manual" });
    return { url: `${path}${extra.rsc ? " (RSC)" : ""}`, status: res.status, body: `${res.headers.get("location") ?? ""}\n${await res.text()}` };
  };
  // The triage is complete once every history page is in: wait for it, so the whole history was read.
  for (const arn of arns) {
    await until(`triage of ${arn} complete`, async () => {
      const res = await fetch(`${app.appUrl}/api/executions/${encodeURIComponent(arn)}`, { headers });
      const body = (await res.json()) as { history?: { complete: boolean } };
      return body.history?.complete ? true : null;
    });
  }
  const sm = encodeURIComponent(smArn("file-pipeline"));
  const answers = [await get("/"), await get("/", { rsc: "1" }), await get("/api/fleet"), await get(`/state-machines/${sm}`), await get(`/state-machines/${sm}`, { rsc: "1" }), await get(`/api/state-machines/${sm}`)];
  for (const arn of arns) {
    const e = encodeURIComponent(arn);
    answers.push(await get(`/executions/${e}`), await get(`/executions/${e}`, { rsc: "1" }), await get(`/api/executions/${e}`), await get(`/go?q=${e}`));
    for (const field of ["input", "output", "parameters"]) {
      for (const eventId of [1, 2, 3, 4]) answers.push(await get(`/api/executions/${e}/payload?eventId=${eventId}&field=${field}`));
    }
  }
  return answers;
}

test("with payloads hidden, no answer and no log line carries payload text; without, the payloads are there to find", async () => {
  const arns = await startMarkedExecutions();
  await withApp({ SFN_TRIAGE_HIDE_PAYLOADS: "1", SFN_TRIAGE_BASIC_AUTH: hashPassword("ops", PASSWORD) }, async (app, logs) => {
    const answers = await everyAnswer(app, arns, AUTH);
    const leaks = answers.filter((a) => a.body.includes(MARKER)).map((a) => `${a.url} → ${a.status}`);
    expect(leaks, "answers that carry the marker with SFN_TRIAGE_HIDE_PAYLOADS=1").toEqual([]);
    expect(answers.filter((a) => a.url.includes("/payload?")).every((a) => a.status === 403)).toBe(true);
    expect(answers.filter((a) => a.status >= 500).map((a) => `${a.url} → ${a.status}`)).toEqual([]);
    expect(logs.filter((line) => line.includes(MARKER))).toEqual([]);
  });
  await withApp({}, async (app) => {
    const answers = await everyAnswer(app, arns, {});
    // The same grep finds the marker when payloads are shown: the test can fail.
    expect(answers.filter((a) => a.url.includes("/payload?") && a.status === 200 && a.body.includes(MARKER)).length).toBeGreaterThan(0);
  });
});

test("a flood of unknown executions costs AWS at most one DescribeExecution each, nothing for foreign regions, and no 5xx", async () => {
  await withApp({}, async (app) => {
    const stats = async () => ((await (await fetch(`${endpoint}/__sandbox/stats`)).json()) as { operations: Record<string, number> }).operations;
    const before = await stats();
    const distinct = 40;
    const urls = [
      ...Array.from({ length: 200 }, (_, i) => `/api/executions/${encodeURIComponent(`arn:aws:states:${REGION}:123456789012:execution:file-pipeline:no-such-${RUN}-${i % distinct}`)}`),
      ...Array.from({ length: 50 }, (_, i) => `/api/executions/${encodeURIComponent(`arn:aws:states:eu-west-3:123456789012:execution:file-pipeline:foreign-${i}`)}`),
      ...Array.from({ length: 20 }, (_, i) => `/executions/${encodeURIComponent(`arn:aws:states:${REGION}:123456789012:execution:file-pipeline:no-such-${RUN}-${i % distinct}`)}`),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < urls.length; i += 20) {
      statuses.push(...(await Promise.all(urls.slice(i, i + 20).map(async (url) => (await fetch(`${app.appUrl}${url}`)).status))));
    }
    const after = await stats();
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    test.info().annotations.push({ type: "figure", description: `statuses ${JSON.stringify(countBy(statuses))}; DescribeExecution ${delta("DescribeExecution")}, GetExecutionHistory ${delta("GetExecutionHistory")}` });
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set(statuses.filter((s) => s === 404 || s === 429)));
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(0);
    expect(delta("DescribeExecution")).toBeLessThanOrEqual(distinct);
    expect(delta("DescribeStateMachineForExecution")).toBe(0);
  });
});

test("a wrong-password flood is refused (401, then 429) while /api/health keeps answering", async () => {
  await withApp({ SFN_TRIAGE_BASIC_AUTH: hashPassword("ops", PASSWORD) }, async (app) => {
    const flood: number[] = [];
    const health: number[] = [];
    let done = false;
    const probe = (async () => {
      while (!done) {
        const start = performance.now();
        const res = await fetch(`${app.appUrl}/api/health`, { signal: AbortSignal.timeout(30_000) });
        expect(res.status).toBeLessThan(600);
        health.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    for (let round = 0; round < 6; round++) {
      const wrong = { authorization: `Basic ${Buffer.from(`ops:guess-${round}`).toString("base64")}` };
      flood.push(...(await Promise.all(Array.from({ length: 20 }, async () => (await fetch(`${app.appUrl}/api/fleet`, { headers: wrong })).status))));
    }
    done = true;
    await probe;
    const sorted = [...health].sort((a, b) => a - b);
    test.info().annotations.push({ type: "figure", description: `flood ${JSON.stringify(countBy(flood))}; /api/health p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms over ${health.length}` });
    expect(flood.every((s) => s === 401 || s === 429)).toBe(true);
    expect(flood.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(health.length).toBeGreaterThan(0);
    // The right password still gets in.
    expect((await fetch(`${app.appUrl}/api/health`)).status).toBeLessThan(600);
  });
});

test("the same error gets the same status whichever route ran first after a fresh start", async () => {
  const unknown = encodeURIComponent(`arn:aws:states:${REGION}:123456789012:execution:file-pipeline:never-${RUN}`);
  const pageThenApi = await withApp({}, async (app) => [(await fetch(`${app.appUrl}/executions/${unknown}`)).status, (await fetch(`${app.appUrl}/api/executions/${unknown}`)).status]);
  const apiThenPage = await withApp({}, async (app) => [(await fetch(`${app.appUrl}/api/executions/${unknown}`)).status, (await fetch(`${app.appUrl}/executions/${unknown}`)).status]);
  expect(pageThenApi).toEqual([404, 404]);
  expect(apiThenPage).toEqual([404, 404]);
});

test("a hung AWS (moto stopped) is marked stale on the fleet's first paint, and fresh data returns once it answers", async () => {
  // Requests wait long enough that the cycle hangs rather than fails: what a SIGSTOPped endpoint looks like.
  await withApp({ SFN_TRIAGE_POLL_MS: "2000", SFN_TRIAGE_AWS_REQUEST_TIMEOUT_MS: "120000" }, async (app) => {
    const fleet = async () => (await (await fetch(`${app.appUrl}/api/fleet`)).json()) as { updatedAt: string | null; error: { kind: string } | null };
    await until("a first complete poll", async () => ((await fleet()).updatedAt ? true : null));
    const { pid } = (await (await fetch(`${endpoint}/__sandbox/moto`)).json()) as { pid: number };
    process.kill(pid, "SIGSTOP");
    try {
      const html = await until("the server-rendered fleet marks the data stale", async () => {
        const page = await (await fetch(`${app.appUrl}/`)).text();
        return page.includes("has not finished") ? page : null;
      });
      expect(html).toContain("Stale: ");
      expect((await fleet()).error).toMatchObject({ kind: "overdue" });
    } finally {
      process.kill(pid, "SIGCONT");
    }
    await until("fresh data after moto answers again", async () => ((await fleet()).error === null ? true : null), 180_000);
  });
});

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
