import type { APIResponse } from "@playwright/test";
import { buildBadInputs } from "../test-support/bad-inputs";
import { expect, test } from "./fixtures/test";
import { BadLinkPage } from "./pages/bad-link-page";

/**
 * A sample of the hostile-input corpus over real HTTP, through Next's router and proxy: each answer a deliberate
 * 4xx (JSON error for APIs, an explanatory page for HTML), never a 500, never the input's markup live in HTML.
 * The whole corpus runs against the route handlers and proxy.ts at unit level (app/bad-input.test.ts); this spec
 * proves the same holds once Next serves them, with a sample small enough to stay far from any time budget.
 */
const SCRIPT = "<script>alert(1)</script>";
const corpus = buildBadInputs();
const arnLike = corpus.filter((c) => c.expected === "invalid");
// Node refuses request heads over 16 KiB itself (431 or a reset, before the app sees them): huge inputs go in bodies.
const MAX_URL_INPUT = 8_000;
// An empty path segment is another route (`/executions/` → 308 to `/executions`), checked on its own below.
const inUrl = arnLike.filter((c) => c.text.trim() !== "" && encodeURIComponent(c.text).length <= MAX_URL_INPUT);
// A deterministic sample spread over the corpus (it is built grouped by kind, so a stride visits every kind),
// plus the cases with markup in them.
const SAMPLE_STRIDE = 20;
const sample = inUrl.filter((c, i) => i % SAMPLE_STRIDE === 0 || c.text.includes("<script>")).slice(0, 40);
// Two at a time: the app shares two cores with the sandbox, and the browser context must not pile up sockets.
const CONCURRENCY = 2;

/** Runs the jobs a few at a time. */
async function pool(jobs: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}
const enc = encodeURIComponent;
const EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";
const STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

interface Outcome {
  status: number;
  contentType: string;
  body: string;
}

async function read(res: APIResponse): Promise<Outcome> {
  return { status: res.status(), contentType: res.headers()["content-type"] ?? "", body: await res.text() };
}

/** An API answer: a deliberate 4xx with a JSON `{error: {kind, message}}` body. */
function expectApiError(what: string, o: Outcome) {
  expect(o.status, `${what}: status`).toBeGreaterThanOrEqual(400);
  expect(o.status, `${what}: status`).toBeLessThan(500);
  expect(o.contentType, `${what}: content-type`).toContain("application/json");
  const body = JSON.parse(o.body) as { error?: { kind?: unknown; message?: unknown } };
  expect(typeof body.error?.kind, `${what}: error.kind`).toBe("string");
  expect(typeof body.error?.message, `${what}: error.message`).toBe("string");
}

/** An HTML answer: 4xx, an explanation, and no live markup from the input. */
function expectHtmlError(what: string, o: Outcome) {
  expect(o.status, `${what}: status`).toBeGreaterThanOrEqual(400);
  expect(o.status, `${what}: status`).toBeLessThan(500);
  expect(o.contentType, `${what}: content-type`).toContain("text/html");
  expect(o.body.length, `${what}: explanatory body`).toBeGreaterThan(100);
  expect(o.body, `${what}: input <script> rendered`).not.toContain(SCRIPT);
}

test.describe("bad input", () => {
  test("every API answers hostile and malformed input with a deliberate 4xx JSON error", async ({ request }) => {
    let tried = 0;
    const fails: string[] = [];
    const check = async (what: string, res: Promise<APIResponse>, assert: (what: string, o: Outcome) => void = expectApiError) => {
      tried += 1;
      const o = await read(await res);
      try {
        assert(what, o);
      } catch (error) {
        fails.push(`${what} → ${o.status} ${o.body.slice(0, 200)}`);
        if (fails.length === 1) console.error(String(error).slice(0, 500));
      }
    };
    const jobs: (() => Promise<void>)[] = [];
    for (const input of sample) {
      const label = `${input.label} (${input.text.slice(0, 60)})`;
      jobs.push(
        () => check(`GET /api/executions: ${label}`, request.get(`/api/executions/${enc(input.text)}`)),
        () => check(`GET /api/executions/…/payload: ${label}`, request.get(`/api/executions/${enc(input.text)}/payload?eventId=1&field=input`)),
        () => check(`GET /api/state-machines: ${label}`, request.get(`/api/state-machines/${enc(input.text)}?from=2026-11-23T00:00:00Z&to=2026-11-23T01:00:00Z`)),
      );
    }
    for (const input of sample) {
      jobs.push(() => check(`GET /api/go: ${input.label} (${input.text.slice(0, 60)})`, request.get(`/api/go?q=${enc(input.text)}`)));
      jobs.push(() => check(`POST /api/go: ${input.label} (${input.text.slice(0, 60)})`, request.post("/api/go", { data: input.text, headers: { "content-type": "text/plain" } })));
    }
    await pool(jobs);
    // Query strings the routes validate themselves, on otherwise good ARNs.
    const payloadQueries: [string, string][] = [["0", "input"], ["-1", "input"], ["1.5", "output"], ["x", "input"], ["1", "body"], ["1", SCRIPT], ["9".repeat(400), "input"], ["", ""]];
    for (const [eventId, field] of payloadQueries) {
      await check(`payload eventId=${eventId.slice(0, 20)} field=${field}`, request.get(`/api/executions/${enc(EXECUTION)}/payload?eventId=${enc(eventId)}&field=${enc(field)}`));
    }
    const windows: [string, string][] = [["yesterday", ""], [SCRIPT, "2026-11-23T00:00:00Z"], ["2026-11-23T00:00:00Z", "x".repeat(5000)], ["2026-13-45T99:99:99Z", "2026-11-23T00:00:00Z"]];
    for (const [from, to] of windows) {
      await check(`state machine from=${from.slice(0, 20)} to=${to.slice(0, 20)}`, request.get(`/api/state-machines/${enc(STATE_MACHINE)}?from=${enc(from)}&to=${enc(to)}`));
    }
    // Wrong kinds on the right APIs.
    await check("execution API given a state machine", request.get(`/api/executions/${enc(STATE_MACHINE)}`));
    await check("state machine API given an execution", request.get(`/api/state-machines/${enc(EXECUTION)}`));
    // Bodies: empty, broken JSON, over 256 KiB.
    await check("POST /api/go empty", request.post("/api/go", { data: "" }));
    await check("POST /api/go broken JSON", request.post("/api/go", { data: '{"AlarmName": "x", "Trigger": {', headers: { "content-type": "application/json" } }));
    await check("POST /api/go 300 KiB", request.post("/api/go", { data: JSON.stringify({ AlarmName: "x", pad: "x".repeat(300 * 1024) }), headers: { "content-type": "application/json" } }), (what, o) => {
      expectApiError(what, o);
      expect(o.status).toBe(413);
    });
    await check("GET /api/go without q", request.get("/api/go"));
    // The fleet API takes no input: junk query strings and other methods are ignored or refused, never a 500.
    await check(`GET /api/fleet with junk`, request.get(`/api/fleet?${enc(SCRIPT)}=${enc("x".repeat(3000))}`), (what, o) => {
      expect(o.status, what).toBe(200);
      expect(o.contentType, what).toContain("application/json");
    });
    await check("POST /api/fleet", request.post("/api/fleet", { data: SCRIPT }), (what, o) => {
      expect(o.status, what).toBe(405);
    });

    // An empty ARN segment is no route of ours: Next's 404, not a 500.
    await check("GET /api/executions/ (empty)", request.get("/api/executions/"), (what, o) => expect(o.status, what).toBe(404));
    test.info().annotations.push({ type: "api cases tried", description: String(tried) });
    expect(tried).toBeGreaterThan(5 * 20);
    expect(fails.slice(0, 40), `${fails.length} of ${tried} API cases answered badly`).toEqual([]);
  });

  test("every page answers hostile and malformed links with a 400 page that explains, never a 500", async ({ request }) => {
    let tried = 0;
    const fails: string[] = [];
    const check = async (what: string, url: string) => {
      tried += 1;
      const o = await read(await request.get(url, { maxRedirects: 0 }));
      try {
        expectHtmlError(what, o);
      } catch {
        fails.push(`${what} → ${o.status} ${o.body.slice(0, 200)}`);
      }
    };
    const jobs: (() => Promise<void>)[] = [];
    for (const input of sample) {
      const label = `${input.label} (${input.text.slice(0, 60)})`;
      jobs.push(
        () => check(`/executions: ${label}`, `/executions/${enc(input.text)}`),
        () => check(`/state-machines: ${label}`, `/state-machines/${enc(input.text)}`),
        () => check(`/go: ${label}`, `/go?q=${enc(input.text)}`),
      );
    }
    await pool(jobs);
    await check("/executions given a state machine", `/executions/${enc(STATE_MACHINE)}`);
    await check("/state-machines given an execution", `/state-machines/${enc(EXECUTION)}`);
    await check("/executions with broken percent-encoding", "/executions/arn%3Aaws%ZZ");
    // Empty input: `/go?q=` asks for something (200, a prompt); an empty segment redirects to the section root.
    tried += 2;
    const empty = await request.get("/go?q=", { maxRedirects: 0 });
    expect(empty.status()).toBe(200);
    expect(await empty.text()).toContain("What are you looking for?");
    expect((await request.get("/executions/", { maxRedirects: 0 })).status()).toBe(308);
    test.info().annotations.push({ type: "page cases tried", description: String(tried) });
    expect(fails.slice(0, 40), `${fails.length} of ${tried} page cases answered badly`).toEqual([]);
  });

  test("a bad link in the browser shows the explanation as text, and its <script> never runs", async ({ page }) => {
    const alerts: string[] = [];
    page.on("dialog", (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    const badLink = new BadLinkPage(page);
    for (const url of [
      `/executions/${enc(`arn:aws:states:us-east-1:123456789012:execution:orders:${SCRIPT}`)}`,
      `/go?q=${enc(`arn:aws:states:us-east-1:123456789012:${SCRIPT}:orders`)}`,
      `/state-machines/${enc(`arn:aws:lambda:us-east-1:123456789012:function:f${SCRIPT}`)}`,
    ]) {
      const res = await badLink.open(url);
      expect(res?.status(), url).toBe(400);
      await expect(badLink.heading).toBeVisible();
      await expect(badLink.explanation).toContainText(/ARN|link/i);
      await expect(badLink.searchAgain).toBeVisible();
      expect(await badLink.inlineScriptsContaining("alert(1)")).toBe(0);
    }
    expect(alerts).toEqual([]);
    test.info().annotations.push({ type: "page navigations", description: "3" });
  });
});
