import { describe, expect, it } from "vitest";
import { approximateBytes } from "./approximate-bytes";

describe("approximateBytes", () => {
  it("weighs strings by length and grows with every field", () => {
    const small = approximateBytes({ input: "x".repeat(10) });
    const big = approximateBytes({ input: "x".repeat(250_000) });
    expect(big - small).toBe((250_000 - 10) * 2);
    expect(approximateBytes({ a: 1, b: 2 })).toBeGreaterThan(approximateBytes({ a: 1 }));
    expect(approximateBytes([1, 2, 3])).toBeGreaterThan(approximateBytes([1]));
  });

  it("counts a shared substructure once and survives cycles", () => {
    const shared = { text: "y".repeat(1_000) };
    const once = approximateBytes({ a: shared });
    const twice = approximateBytes({ a: shared, b: shared });
    expect(twice - once).toBeLessThan(100);
    const cyclic: { self?: unknown; text: string } = { text: "z" };
    cyclic.self = cyclic;
    expect(approximateBytes(cyclic)).toBeGreaterThan(0);
  });

  it("weighs maps, sets and typed arrays", () => {
    expect(approximateBytes(new Map([["k", "v".repeat(100)]]))).toBeGreaterThan(200);
    expect(approximateBytes(new Set(["v".repeat(100)]))).toBeGreaterThan(200);
    expect(approximateBytes(new Uint8Array(1_000))).toBeGreaterThanOrEqual(1_000);
  });
});
