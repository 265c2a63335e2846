import { describe, expect, it } from "vitest";
import { estimateCost, expressDurationUsd } from "./cost";
import { REGION_PRICES, findRegionPrice } from "./prices";

const base = { transitions: 1000, durationMs: 250, region: "us-east-1", executionsPerMonth: null, definitionBytes: 2000, dataBytes: 1000 };

describe("prices", () => {
  it("hold the AWS-FACTS.md table, one row per region", () => {
    expect(findRegionPrice("us-east-1")!.standardUsdPerThousandTransitions).toBe(0.025);
    expect(findRegionPrice("sa-east-1")!.standardUsdPerThousandTransitions).toBe(0.0375);
    expect(findRegionPrice("eu-west-3")!.standardUsdPerThousandTransitions).toBe(0.0297);
    expect(findRegionPrice("us-gov-west-1")!.standardUsdPerThousandTransitions).toBe(0.03);
    expect(new Set(REGION_PRICES.map((p) => p.region)).size).toBe(REGION_PRICES.length);
    expect(findRegionPrice("mars-north-1")).toBeNull();
  });
});

describe("estimateCost", () => {
  it("prices Standard per transition at the region's rate", () => {
    expect(estimateCost(base).standardUsd).toBeCloseTo(0.025, 10);
    expect(estimateCost({ ...base, region: "sa-east-1" }).standardUsd).toBeCloseTo(0.0375, 10);
  });

  it("falls back to us-east-1 and says so", () => {
    const cost = estimateCost({ ...base, region: "mars-north-1" });
    expect(cost.priceRegion).toBe("us-east-1");
    expect(cost.notes.some((n) => n.includes("mars-north-1"))).toBe(true);
  });

  it("projects a month and estimates Express with its assumptions", () => {
    const cost = estimateCost({ ...base, executionsPerMonth: 1_000_000 });
    expect(cost.monthly!.standardUsd).toBeCloseTo(1000 * 1_000_000 * 0.000025, 6);
    // 250 ms → 300 ms billed; 64 MB; 1e6 × 0.3 s × 0.0625 GB = 5.208 GB-h at $0.06, + $1 of requests.
    const gbHours = (1_000_000 * 0.3 * 0.0625) / 3600;
    expect(cost.monthly!.expressUsd).toBeCloseTo(1 + gbHours * 0.06, 6);
    expect(cost.express.assumptions.join(" ")).toMatch(/300 ms.*64 MB/);
  });

  it("bills Express memory in 64 MB steps", () => {
    const cost = estimateCost({ ...base, dataBytes: 20 * 1024 * 1024 });
    expect(cost.express.assumptions[1]).toMatch(/^Memory 128 MB/);
  });

  it("charges Express duration band by band", () => {
    const tiers = findRegionPrice("us-east-1")!.express!.durationTiers;
    expect(expressDurationUsd(500, tiers)).toBeCloseTo(30, 10);
    expect(expressDurationUsd(6000, tiers)).toBeCloseTo(1000 * 0.06 + 4000 * 0.03 + 1000 * 0.01642, 10);
  });

  it("warns when the execution could not have run as Express", () => {
    expect(estimateCost({ ...base, durationMs: 6 * 60_000 }).express.assumptions.join(" ")).toMatch(/longer than 5 minutes/);
  });
});
