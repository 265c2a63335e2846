import { describe, expect, it } from "vitest";
import { createSingleFlight } from "./single-flight";

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("createSingleFlight", () => {
  it("runs the work once for N concurrent calls with the same key, and gives all of them its value", async () => {
    const flight = createSingleFlight<string>();
    const gate = deferred<string>();
    let calls = 0;
    const work = () => {
      calls += 1;
      return gate.promise;
    };
    const all = Array.from({ length: 10 }, () => flight.run("exec-1", work));
    expect(calls).toBe(1);
    expect(flight.size).toBe(1);
    gate.resolve("history");
    expect(await Promise.all(all)).toEqual(Array(10).fill("history"));
    expect(flight.size).toBe(0);
  });

  it("runs different keys separately", async () => {
    const flight = createSingleFlight<string>();
    const keys: string[] = [];
    const results = await Promise.all(
      ["a", "b", "a", "c", "b"].map((key) =>
        flight.run(key, async () => {
          keys.push(key);
          return key.toUpperCase();
        }),
      ),
    );
    expect(keys).toEqual(["a", "b", "c"]);
    expect(results).toEqual(["A", "B", "A", "C", "B"]);
  });

  it("shares a rejection with every caller, then frees the key so the next call runs anew", async () => {
    const flight = createSingleFlight<number>();
    const gate = deferred<number>();
    let calls = 0;
    const first = Array.from({ length: 3 }, () =>
      flight.run("k", () => {
        calls += 1;
        return gate.promise;
      }),
    );
    gate.reject(new Error("ThrottlingException: Rate exceeded"));
    const settled = await Promise.allSettled(first);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(new Set(settled.map((s) => (s.status === "rejected" ? s.reason : null))).size).toBe(1);
    expect(calls).toBe(1);
    expect(flight.size).toBe(0);
    await expect(flight.run("k", async () => 42)).resolves.toBe(42);
  });

  it("runs again after a success once the first call has settled", async () => {
    const flight = createSingleFlight<number>();
    let calls = 0;
    const work = async () => ++calls;
    expect(await flight.run("k", work)).toBe(1);
    expect(await flight.run("k", work)).toBe(2);
  });

  it("joins a call still in flight even after its work has resolved but before callers see it", async () => {
    const flight = createSingleFlight<number>();
    let calls = 0;
    const work = () => Promise.resolve(++calls);
    const a = flight.run("k", work);
    const b = flight.run("k", work);
    expect(await Promise.all([a, b])).toEqual([1, 1]);
  });
});
