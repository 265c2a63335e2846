import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy, config } from "@/proxy";
import { hashPassword } from "./auth";

const BASE = "http://127.0.0.1:3000";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";
const saved = process.env.SFN_TRIAGE_BASIC_AUTH;

function request(path: string, authorization?: string) {
  return new NextRequest(new URL(path, BASE), { headers: authorization ? { authorization } : {} });
}

afterEach(() => {
  if (saved === undefined) delete process.env.SFN_TRIAGE_BASIC_AUTH;
  else process.env.SFN_TRIAGE_BASIC_AUTH = saved;
});

const PATHS = ["/", "/api/fleet", "/api/go?q=x", `/api/executions/${encodeURIComponent(EXECUTION)}`, `/executions/${encodeURIComponent(EXECUTION)}`, "/state-machines/x", "/go?q=x", "/bad-link", "/no-such-page"];

describe("proxy: basic auth", () => {
  it("lets everything through when SFN_TRIAGE_BASIC_AUTH is unset", async () => {
    delete process.env.SFN_TRIAGE_BASIC_AUTH;
    const res = (await proxy(request(`/executions/${encodeURIComponent(EXECUTION)}`)));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 401 with a Basic challenge on every page and API without credentials", async () => {
    process.env.SFN_TRIAGE_BASIC_AUTH = hashPassword("ops", "pw");
    for (const path of PATHS) {
      const res = (await proxy(request(path)));
      expect(res.status, path).toBe(401);
      expect(res.headers.get("www-authenticate"), path).toMatch(/^Basic realm="sfn-triage"/);
      expect(((await res.json()) as { error: { kind: string } }).error.kind).toBe("unauthorized");
    }
  });

  it("answers 401 for a wrong password or user", async () => {
    process.env.SFN_TRIAGE_BASIC_AUTH = hashPassword("ops", "pw");
    expect((await proxy(request("/api/fleet", basic("ops", "nope")))).status).toBe(401);
    expect((await proxy(request("/api/fleet", basic("root", "pw")))).status).toBe(401);
  });

  it("passes the right credentials through, and the bad-link check still runs after auth", async () => {
    process.env.SFN_TRIAGE_BASIC_AUTH = hashPassword("ops", "pw");
    const ok = (await proxy(request(`/executions/${encodeURIComponent(EXECUTION)}`, basic("ops", "pw"))));
    expect(ok.headers.get("x-middleware-next")).toBe("1");
    const bad = (await proxy(request("/executions/not-an-arn", basic("ops", "pw"))));
    expect(bad.headers.get("x-middleware-rewrite")).toContain("/bad-link");
    // Without credentials a bad link is a 401, not a rewrite: nothing about the input is echoed.
    expect((await proxy(request("/executions/not-an-arn"))).status).toBe(401);
  });

  it("leaves /api/health open", async () => {
    process.env.SFN_TRIAGE_BASIC_AUTH = hashPassword("ops", "pw");
    expect((await proxy(request("/api/health"))).headers.get("x-middleware-next")).toBe("1");
  });

  it("fails closed (503) on a malformed SFN_TRIAGE_BASIC_AUTH", async () => {
    process.env.SFN_TRIAGE_BASIC_AUTH = "ops:plaintext";
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect((await proxy(request("/api/fleet", basic("ops", "plaintext")))).status).toBe(503);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });

  it("matches everything except Next's static assets", async () => {
    const [pattern] = config.matcher;
    // Next compiles matcher strings with path-to-regexp; the negative lookahead is what matters here.
    const re = new RegExp(`^${pattern!.replace("/(", "/(?:").replace(".*)", ".*)")}$`);
    for (const p of ["/", "/api/fleet", "/executions/x", "/go", "/_next/data/x.json"]) expect(re.test(p), p).toBe(true);
    for (const p of ["/_next/static/chunks/a.js", "/_next/image", "/favicon.ico"]) expect(re.test(p), p).toBe(false);
  });
});

describe("proxy: floods", () => {
  it("refuses wrong passwords with 429 and Retry-After once a client has failed five times, without hashing", async () => {
    process.env.SFN_TRIAGE_BASIC_AUTH = hashPassword("ops", "pw");
    const from = (ip: string, authorization: string) =>
      new NextRequest(new URL("/api/fleet", BASE), { headers: { authorization, "x-forwarded-for": ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await proxy(from("192.0.2.7", basic("ops", `guess-${i}`)))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await proxy(from("192.0.2.7", basic("ops", "guess-8")));
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { kind: string } }).error.kind).toBe("rate-limited");
    // Another client, and the liveness probe, are not held back.
    expect((await proxy(from("192.0.2.8", basic("ops", "pw")))).headers.get("x-middleware-next")).toBe("1");
    expect((await proxy(request("/api/health"))).headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 429 with Retry-After once one client asks for too many AWS-backed pages, and serves the fleet still", async () => {
    delete process.env.SFN_TRIAGE_BASIC_AUTH;
    const from = (path: string) => new NextRequest(new URL(path, BASE), { headers: { "x-forwarded-for": "198.51.100.9" } });
    const path = `/api/executions/${encodeURIComponent(EXECUTION)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) statuses.push((await proxy(from(path))).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await proxy(from(path));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await proxy(from("/api/fleet"))).headers.get("x-middleware-next")).toBe("1");
  });
});
