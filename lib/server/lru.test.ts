import { describe, expect, it } from "vitest";
import { Lru } from "./lru";

describe("Lru", () => {
  it("keeps at most `capacity` entries, dropping the least recently set", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    lru.set("c", 3);
    expect(lru.size).toBe(2);
    expect(lru.get("a")).toBeUndefined();
    expect(lru.get("b")).toBe(2);
    expect(lru.get("c")).toBe(3);
  });

  it("counts a get as a use", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
  });

  it("replaces a value on set and counts that as a use", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    lru.set("a", 10);
    lru.set("c", 3);
    expect(lru.size).toBe(2);
    expect(lru.get("a")).toBe(10);
    expect(lru.get("b")).toBeUndefined();
  });

  it("does not count a miss as a use", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("zzz")).toBeUndefined();
    lru.set("c", 3);
    expect(lru.get("a")).toBeUndefined();
    expect(lru.size).toBe(2);
  });

  it("holds nothing with capacity 0 and one thing with capacity 1", () => {
    const none = new Lru<string, number>(0);
    none.set("a", 1);
    expect(none.size).toBe(0);
    expect(none.get("a")).toBeUndefined();
    const one = new Lru<string, number>(1);
    one.set("a", 1);
    one.set("b", 2);
    expect([one.get("a"), one.get("b"), one.size]).toEqual([undefined, 2, 1]);
  });

  it("keeps a large working set in least-recently-used order", () => {
    const lru = new Lru<number, number>(100);
    for (let i = 0; i < 1000; i++) {
      lru.set(i, i * 2);
      if (i % 10 === 0) lru.get(0);
    }
    expect(lru.size).toBe(100);
    expect(lru.get(0)).toBe(0);
    expect(lru.get(999)).toBe(1998);
    // 0 was kept alive by its reads, so only 99 of the newest others fit: 901..999.
    expect(lru.get(901)).toBe(1802);
    expect(lru.get(900)).toBeUndefined();
  });
});

describe("Lru bounded in bytes", () => {
  it("drops the least recently used until the bytes held fit, whatever the entry count", () => {
    const lru = new Lru<string, string>({ entries: 1_000, bytes: 100, sizeOf: (v) => v.length });
    lru.set("a", "x".repeat(40));
    lru.set("b", "x".repeat(40));
    expect(lru.bytes).toBe(80);
    lru.get("a");
    lru.set("c", "x".repeat(40));
    expect([...lru.entries()].map(([k]) => k)).toEqual(["a", "c"]);
    expect(lru.bytes).toBe(80);
  });

  it("keeps an entry larger than the bound until the next set, then drops it", () => {
    const lru = new Lru<string, string>({ entries: 10, bytes: 10, sizeOf: (v) => v.length });
    lru.set("small", "x".repeat(5));
    lru.set("huge", "x".repeat(50));
    expect(lru.get("small")).toBeUndefined();
    expect(lru.get("huge")).toHaveLength(50);
    lru.set("next", "x");
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.bytes).toBe(1);
  });

  it("re-weighs an entry on resize (a promise that settled, a history that grew)", () => {
    const lru = new Lru<string, number>({ entries: 10, bytes: 100, sizeOf: () => 1 });
    lru.set("a", 1);
    lru.set("b", 2);
    lru.resize("a", 150);
    // Like a set: the others make room; the resized entry itself stays until something else is set.
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("a")).toBeUndefined();
    expect(lru.bytes).toBe(1);
  });

  it("weighs values with approximateBytes by default", () => {
    const lru = new Lru<string, { text: string }>({ entries: 10, bytes: 1_000_000 });
    lru.set("a", { text: "x".repeat(250_000) });
    expect(lru.bytes).toBeGreaterThanOrEqual(500_000);
    lru.set("b", { text: "x".repeat(250_000) });
    expect(lru.size).toBe(1);
  });
});
