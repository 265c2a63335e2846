import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExecutionCounts } from "@/lib/aws";
import { createBudget } from "./budget";
import { MetricGuidedPolling } from "./poll-plan";
import type { FailureStore } from "./store/failure-store";

const NOW = Date.parse("2026-12-02T01:00:30Z");
const arn = (i: number) => `arn:aws:states:eu-central-1:111111111111:stateMachine:sm-${String(i).padStart(4, "0")}`;

function setup(counts: (input: { stateMachineArns: string[]; from: Date; to: Date }) => Partial<ExecutionCounts>) {
  const windows: { from: Date; to: Date }[] = [];
  const budget = createBudget({ share: 1 });
  const take = vi.spyOn(budget, "take");
  const storeCounts = vi.fn(async () => new Map([[arn(1), { FAILED: 1 }]]));
  const polling = new MetricGuidedPolling({
    budget,
    now: () => NOW,
    store: { countsByStateMachineAndStatus: storeCounts } as unknown as FailureStore,
    getExecutionCounts: vi.fn(async (region: string, input) => {
      windows.push({ from: input.from, to: input.to });
      return { region, from: "", to: "", byStateMachine: {}, partial: false, messages: [], calls: 1, ...counts(input) };
    }),
  });
  return { polling, windows, take, storeCounts };
}

describe("MetricGuidedPolling", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("charges one GetMetricData token per 500 queries, and compares CloudWatch with the index over the same window", async () => {
    vi.stubEnv("SFN_TRIAGE_POLL_MS", "30000");
    vi.stubEnv("SFN_TRIAGE_METRIC_DELAY_MS", "600000");
    // No sweep slice in the way of what the metrics decide.
    vi.stubEnv("SFN_TRIAGE_SWEEP_INTERVAL_MS", String(365 * 86_400_000));
    const { polling, windows, take, storeCounts } = setup(() => ({ byStateMachine: { [arn(1)]: { ExecutionsFailed: 3 }, [arn(2)]: { ExecutionsFailed: 1 } } }));
    const fleet = Array.from({ length: 250 }, (_, i) => arn(i));
    expect((await polling.plan({ account: null, region: "eu-central-1" }, fleet, new Set())).mode).toBe("first");
    expect(take).not.toHaveBeenCalled();
    const plan = await polling.plan({ account: null, region: "eu-central-1" }, fleet, new Set());
    // 250 × 5 metrics = 1,250 queries: three calls' worth of tokens.
    expect(take.mock.calls.filter(([api]) => api === "GetMetricData")).toHaveLength(3);
    expect(windows[0]!.from.toISOString()).toBe("2026-12-02T00:50:00.000Z");
    expect(storeCounts).toHaveBeenCalledWith({ fromMs: Date.parse("2026-12-02T00:50:00Z"), toMs: NOW });
    // sm-0001: 3 counted, 1 indexed → FAILED; sm-0002: 1 counted, none indexed → FAILED.
    expect(plan.lists.filter((l) => l.reasons.includes("metrics")).map((l) => [l.stateMachineArn, l.statuses.join()])).toEqual([
      [arn(1), "FAILED"],
      [arn(2), "FAILED"],
    ]);
    expect(polling.degraded()).toBeNull();
  });

  it("says partial data is degraded but still plans from it; keeps scopes (account, region) apart", async () => {
    const { polling } = setup(() => ({ partial: true, messages: ["PartialData: more"] }));
    await polling.plan({ account: "222222222222", region: "eu-central-1" }, [arn(1)], new Set());
    const plan = await polling.plan({ account: "222222222222", region: "eu-central-1" }, [arn(1)], new Set());
    expect(plan.mode).toBe("metrics");
    expect(polling.degraded()).toMatchObject({ kind: "metrics-partial" });
    expect((await polling.plan({ account: "333333333333", region: "eu-central-1" }, [arn(1)], new Set())).mode).toBe("first");
    expect([...polling.status().keys()].sort()).toEqual(["222222222222|eu-central-1", "333333333333|eu-central-1"]);
    polling.retain([{ account: "333333333333", region: "eu-central-1" }]);
    expect([...polling.status().keys()]).toEqual(["333333333333|eu-central-1"]);
  });
});
