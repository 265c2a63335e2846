import { describe, expect, it } from "vitest";
import { createSharedAnswers } from "./shared-answers";

describe("shared answers", () => {
  it("builds once within the TTL and again after it", async () => {
    const shared = createSharedAnswers<string>({ ttlMs: 1_000, entries: 10, bytes: 1_000_000 });
    let builds = 0;
    const build = async () => `view ${++builds}`;
    expect(await shared.get("k", 0, build)).toBe("view 1");
    expect(await shared.get("k", 999, build)).toBe("view 1");
    expect(await shared.get("k", 1_000, build)).toBe("view 2");
  });

  it("forgets a failed build", async () => {
    const shared = createSharedAnswers<string>({ ttlMs: 1_000, entries: 10, bytes: 1_000_000 });
    await expect(shared.get("k", 0, () => Promise.reject(new Error("AWS down")))).rejects.toThrow("AWS down");
    await new Promise((resolve) => setImmediate(resolve));
    expect(await shared.get("k", 1, async () => "fresh")).toBe("fresh");
  });

  it("weighs settled answers and drops the oldest past the byte bound", async () => {
    const shared = createSharedAnswers<string>({ ttlMs: 60_000, entries: 1_000, bytes: 50_000 });
    let builds = 0;
    const big = async () => `${++builds}`.padEnd(10_000, "x");
    for (const key of ["a", "b", "c", "d"]) await shared.get(key, 0, big);
    await new Promise((resolve) => setImmediate(resolve));
    expect(shared.bytes).toBeLessThanOrEqual(50_000);
    await shared.get("a", 1, big); // "a" was pushed out: built again
    expect(builds).toBe(5);
  });

  it("keeps a failure for failureTtlMs when asked, then builds again", async () => {
    const shared = createSharedAnswers<string>({ ttlMs: 10_000, failureTtlMs: 5_000, entries: 10, bytes: 1_000_000 });
    let builds = 0;
    const failing = () => {
      builds += 1;
      return Promise.reject(new Error("AWS down"));
    };
    await expect(shared.get("k", 0, failing)).rejects.toThrow("AWS down");
    await new Promise((resolve) => setImmediate(resolve));
    await expect(shared.get("k", 4_999, failing)).rejects.toThrow("AWS down");
    expect(builds).toBe(1);
    expect(await shared.get("k", 5_000, async () => "fresh")).toBe("fresh");
  });
});
