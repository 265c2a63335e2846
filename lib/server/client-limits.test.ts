import { describe, expect, it } from "vitest";
import { ClientRateLimiter, FailedLoginLimiter, clientKey } from "./client-limits";

describe("ClientRateLimiter", () => {
  it("allows a burst, then one request per refill, per client", () => {
    let now = 0;
    const limiter = new ClientRateLimiter({ burst: 3, perSecond: 2, clock: () => now });
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0]);
    expect(limiter.take("a")).toBe(1);
    // Another client is not affected.
    expect(limiter.take("b")).toBe(0);
    now += 500;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBeGreaterThan(0);
  });

  it("keeps at most maxClients keys", () => {
    const limiter = new ClientRateLimiter({ burst: 1, perSecond: 0.001, maxClients: 2, clock: () => 0 });
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    // "a" was forgotten, so it starts with a full burst again; "c" is still spent.
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("c")).toBeGreaterThan(0);
  });
});

describe("FailedLoginLimiter", () => {
  it("lets the first failures through, then doubles the wait, and a success clears it", () => {
    let now = 0;
    const limiter = new FailedLoginLimiter({ free: 2, baseMs: 1_000, maxMs: 4_000, clock: () => now });
    limiter.failed("x");
    expect(limiter.retryAfterSeconds("x")).toBe(0);
    limiter.failed("x");
    expect(limiter.retryAfterSeconds("x")).toBe(1);
    now += 1_000;
    limiter.failed("x");
    expect(limiter.retryAfterSeconds("x")).toBe(2);
    now += 2_000;
    limiter.failed("x");
    limiter.failed("x");
    expect(limiter.retryAfterSeconds("x")).toBe(4);
    expect(limiter.retryAfterSeconds("y")).toBe(0);
    limiter.succeeded("x");
    expect(limiter.retryAfterSeconds("x")).toBe(0);
  });
});

describe("clientKey", () => {
  const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("takes the address Next recorded (the last entry) unless a trusted proxy is configured", () => {
    expect(clientKey(headers("6.6.6.6, 127.0.0.1"), false)).toBe("127.0.0.1");
    expect(clientKey(headers("10.1.2.3, 172.16.0.1"), true)).toBe("10.1.2.3");
    expect(clientKey(headers(), false)).toBe("unknown");
  });
});
