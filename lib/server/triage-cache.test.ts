import { describe, expect, it } from "vitest";
import { TriageCache } from "./triage-cache";

describe("TriageCache", () => {
  it("bounds the bytes its histories hold, dropping the least recently looked at, never the one just stored", () => {
    const cache = new TriageCache<string, { n: number }>({ history: (h) => h.n, closed: () => 1 }, { historyBytes: 100, closedBytes: 100, closedEntries: 100 });
    cache.setHistory("a", { n: 60 });
    cache.setHistory("b", { n: 30 });
    expect(cache.history("a")).toEqual({ n: 60 }); // a is now the most recent
    cache.setHistory("c", { n: 30 });
    expect(cache.history("b")).toBeUndefined();
    expect(cache.history("a")).toBeDefined();
    expect(cache.history("c")).toBeDefined();
    cache.setHistory("huge", { n: 500 });
    expect(cache.history("huge")).toEqual({ n: 500 });
    expect(cache.historiesHeld).toBe(1);
  });

  it("re-measures a history that grew (a running execution's)", () => {
    const cache = new TriageCache<string, { n: number }>({ history: (h) => h.n, closed: () => 1 }, { historyBytes: 100, closedBytes: 100, closedEntries: 100 });
    const running = { n: 10 };
    cache.setHistory("run", running);
    cache.setHistory("other", { n: 50 });
    running.n = 60;
    cache.setHistory("run", running);
    expect(cache.history("other")).toBeUndefined();
    expect(cache.history("run")).toBe(running);
  });

  it("bounds closed reports in bytes as well as in number", () => {
    const cache = new TriageCache<string, string>({ history: () => 0, closed: (c) => c.length }, { historyBytes: 100, closedBytes: 10, closedEntries: 100 });
    cache.closed.set("a", "xxxx");
    cache.closed.set("b", "xxxx");
    cache.closed.set("c", "xxxx");
    expect(cache.closed.get("a")).toBeUndefined();
    expect(cache.closed.size).toBe(2);
    expect(cache.bytesHeld.closed).toBe(8);
  });
});
