import { describe, expect, it } from "vitest";
import { createBudget } from "./budget";
import { requestSignal, SharedWant, whileRequestLasts } from "./request-scope";
import { createSingleFlight } from "./single-flight";

/** A budget whose clock moves only when it sleeps, and whose bucket starts empty. */
function drainedBudget() {
  let now = 0;
  const budget = createBudget({ share: 1, clock: () => now, sleep: async (ms) => { await new Promise((r) => setImmediate(r)); now += ms; } });
  while (budget.available("DescribeExecution", "us-east-1") >= 1) void budget.take("DescribeExecution", "us-east-1");
  return budget;
}

describe("request scope", () => {
  it("carries the request's signal through awaits", async () => {
    const controller = new AbortController();
    const seen = await whileRequestLasts(controller.signal, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return requestSignal();
    });
    expect(seen).toBe(controller.signal);
    expect(requestSignal()).toBeUndefined();
  });

  it("a queued budget take is abandoned, unspent, when its request goes away", async () => {
    const budget = drainedBudget();
    const spentBefore = budget.spent().DescribeExecution ?? 0;
    const controller = new AbortController();
    const take = whileRequestLasts(controller.signal, () => budget.take("DescribeExecution", "us-east-1", { priority: "known" }));
    controller.abort();
    await expect(take).rejects.toThrow(/abandoned/);
    expect(budget.spent().DescribeExecution ?? 0).toBe(spentBefore);
  });

  it("a take outside any request (the poller) is not abandoned", async () => {
    const budget = drainedBudget();
    await expect(budget.take("DescribeExecution", "us-east-1", { priority: "poller" })).resolves.toBeUndefined();
  });
});

describe("SharedWant", () => {
  it("aborts only once every joined request has gone", () => {
    const want = new SharedWant();
    const a = new AbortController();
    const b = new AbortController();
    want.join(a.signal);
    want.join(b.signal);
    a.abort();
    expect(want.signal.aborted).toBe(false);
    b.abort();
    expect(want.signal.aborted).toBe(true);
  });

  it("never aborts when a caller outside any request joined", () => {
    const want = new SharedWant();
    const a = new AbortController();
    want.join(a.signal);
    want.join(undefined);
    a.abort();
    expect(want.signal.aborted).toBe(false);
  });
});

describe("single flight with requests", () => {
  it("keeps the shared call wanted while a second request waits for it, and abandons it when both are gone", async () => {
    const flight = createSingleFlight<AbortSignal | undefined>();
    const first = new AbortController();
    const second = new AbortController();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      await gate;
      return requestSignal();
    };
    const one = whileRequestLasts(first.signal, () => flight.run("arn", work));
    const two = whileRequestLasts(second.signal, () => flight.run("arn", work));
    first.abort();
    release();
    const [signalOne, signalTwo] = await Promise.all([one, two]);
    expect(signalOne).toBe(signalTwo);
    expect(signalOne?.aborted).toBe(false);
    second.abort();
    expect(signalOne?.aborted).toBe(true);
  });
});
