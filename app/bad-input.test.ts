/**
 * The whole bad-input corpus (test-support/bad-inputs.ts) against the route handlers themselves, called as Next
 * calls them (a Request and a params promise), and against proxy.ts plus the /bad-link handler for pages: every
 * answer a deliberate 4xx, JSON for APIs, an explanatory HTML page for links, never the input's markup live.
 * Playwright replays only a sample of it over HTTP (e2e/bad-input.spec.ts).
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildBadInputs } from "@/test-support/bad-inputs";
import { proxy } from "@/proxy";
import { GET as getBadLink } from "./bad-link/route";
import { GET as getExecution } from "./api/executions/[arn]/route";
import { GET as getPayload } from "./api/executions/[arn]/payload/route";
import { GET as getStateMachine } from "./api/state-machines/[arn]/route";
import { GET as getGo, POST as postGo } from "./api/go/route";

const BASE = "http://127.0.0.1:3000";
const SCRIPT = "<script>alert(1)</script>";
const corpus = buildBadInputs();
const invalid = corpus.filter((c) => c.expected === "invalid");
const enc = encodeURIComponent;
const params = (arn: string) => ({ params: Promise.resolve({ arn }) });

beforeAll(() => {
  // Nothing here may reach AWS: an unroutable endpoint and one attempt turn any call into a failed assertion (5xx).
  vi.stubEnv("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
  vi.stubEnv("SFN_TRIAGE_AWS_MAX_ATTEMPTS", "1");
  vi.stubEnv("SFN_TRIAGE_BASIC_AUTH", "");
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function expectApiError(what: string, res: Response): Promise<void> {
  expect(res.status, `${what}: status`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: status`).toBeLessThan(500);
  expect(res.headers.get("content-type"), `${what}: content-type`).toContain("application/json");
  const body = (await res.json()) as { error?: { kind?: unknown; message?: unknown } };
  expect(typeof body.error?.kind, `${what}: error.kind`).toBe("string");
  expect(typeof body.error?.message, `${what}: error.message`).toBe("string");
}

/** Runs `check` on every case and fails once, listing the cases answered badly (one test per route, not 470). */
async function everyCase(cases: typeof invalid, check: (input: (typeof invalid)[number]) => Promise<void>): Promise<void> {
  const fails: string[] = [];
  for (const input of cases) {
    try {
      await check(input);
    } catch (error) {
      fails.push(`${input.label} (${input.text.slice(0, 60)}): ${String(error).split("\n")[0]}`);
    }
  }
  expect(fails.slice(0, 20), `${fails.length} of ${cases.length} cases answered badly`).toEqual([]);
}

describe("bad input, at the route handlers (the whole corpus)", () => {
  it("is a corpus worth the name", () => {
    expect(invalid.length).toBeGreaterThan(400);
  });

  // Next hands a dynamic segment over still percent-encoded: so do these calls.
  it("GET /api/executions/{arn}: a deliberate 4xx JSON error for every case", async () => {
    await everyCase(invalid, async (input) => {
      const segment = enc(input.text);
      await expectApiError("GET /api/executions/…", await getExecution(new Request(`${BASE}/api/executions/${segment}`), params(segment)));
    });
  });

  it("GET /api/executions/{arn}/payload: a deliberate 4xx JSON error for every case", async () => {
    await everyCase(invalid, async (input) => {
      const segment = enc(input.text);
      await expectApiError("GET /api/executions/…/payload", await getPayload(new Request(`${BASE}/api/executions/${segment}/payload?eventId=1&field=input`), params(segment)));
    });
  });

  it("GET /api/state-machines/{arn}: a deliberate 4xx JSON error for every case", async () => {
    await everyCase(invalid, async (input) => {
      const segment = enc(input.text);
      await expectApiError("GET /api/state-machines/…", await getStateMachine(new Request(`${BASE}/api/state-machines/${segment}?from=2026-11-23T00:00:00Z&to=2026-11-23T01:00:00Z`), params(segment)));
    });
  });

  it("GET and POST /api/go: a deliberate 4xx JSON error for every case", async () => {
    await everyCase(invalid, async (input) => {
      await expectApiError("GET /api/go", await getGo(new Request(`${BASE}/api/go?q=${enc(input.text)}`)));
      await expectApiError("POST /api/go", await postGo(new Request(`${BASE}/api/go`, { method: "POST", body: input.text, headers: { "content-type": "text/plain" } })));
    });
  });

  it("pages: every link becomes a 400 page that explains, the input as text", async () => {
    await everyCase(
      invalid.filter((c) => c.text.trim() !== ""),
      async (input) => {
        for (const url of [`${BASE}/executions/${enc(input.text)}`, `${BASE}/state-machines/${enc(input.text)}`, `${BASE}/go?q=${enc(input.text)}`]) {
          const routed = await proxy(new NextRequest(url));
          const rewrite = routed.headers.get("x-middleware-rewrite");
          expect(rewrite, `${url}: rewritten to /bad-link`).toMatch(/\/bad-link\?/);
          const page = getBadLink(new Request(rewrite!));
          expect(page.status, url).toBe(400);
          expect(page.headers.get("content-type"), url).toContain("text/html");
          const html = await page.text();
          expect(html.length, `${url}: explanatory body`).toBeGreaterThan(100);
          expect(html, `${url}: input <script> rendered`).not.toContain(SCRIPT);
          expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>[^<]*alert\(1\)/);
        }
      },
    );
  });

  it("refuses bodies over 256 KiB with 413, and a request without q with 400", async () => {
    const big = JSON.stringify({ AlarmName: "x", pad: "x".repeat(300 * 1024) });
    const res = await postGo(new Request(`${BASE}/api/go`, { method: "POST", body: big, headers: { "content-type": "application/json", "content-length": String(big.length) } }));
    await expectApiError("POST /api/go 300 KiB", res.clone());
    expect(res.status).toBe(413);
    await expectApiError("GET /api/go without q", await getGo(new Request(`${BASE}/api/go`)));
    await expectApiError("POST /api/go empty", await postGo(new Request(`${BASE}/api/go`, { method: "POST", body: "" })));
  });

  it("validates the payload query and the state machine window before any AWS call", async () => {
    const execution = enc("arn:aws:states:us-east-1:123456789012:execution:orders:run-1");
    for (const [eventId, field] of [["0", "input"], ["-1", "input"], ["1.5", "output"], ["x", "input"], ["1", "body"], ["1", SCRIPT], ["9".repeat(400), "input"], ["", ""]] as const) {
      await expectApiError(`payload eventId=${eventId.slice(0, 20)} field=${field}`, await getPayload(new Request(`${BASE}/api/executions/${execution}/payload?eventId=${enc(eventId)}&field=${enc(field)}`), params(execution)));
    }
    const stateMachine = enc("arn:aws:states:us-east-1:123456789012:stateMachine:orders");
    for (const [from, to] of [["yesterday", ""], [SCRIPT, "2026-11-23T00:00:00Z"], ["2026-11-23T00:00:00Z", "x".repeat(5000)], ["2026-13-45T99:99:99Z", "2026-11-23T00:00:00Z"]] as const) {
      await expectApiError(`from=${from.slice(0, 20)}`, await getStateMachine(new Request(`${BASE}/api/state-machines/${stateMachine}?from=${enc(from)}&to=${enc(to)}`), params(stateMachine)));
    }
    // Wrong kinds on the right APIs.
    await expectApiError("execution API given a state machine", await getExecution(new Request(`${BASE}/api/executions/${stateMachine}`), params(stateMachine)));
    await expectApiError("state machine API given an execution", await getStateMachine(new Request(`${BASE}/api/state-machines/${execution}`), params(execution)));
  });
});
