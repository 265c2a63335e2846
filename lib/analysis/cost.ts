import type { CostEstimate } from "@/lib/domain/report";
import { formatBytesExact, formatCount, formatDuration } from "./format";
import { EXPRESS_MAX_DURATION_MS, FREE_TRANSITIONS_PER_MONTH } from "./limits";
import { DEFAULT_PRICE_REGION, findRegionPrice, type ExpressDurationTier, type RegionPrice } from "./prices";

/** What the cost estimate needs to know about one execution. */
export interface CostInput {
  transitions: number;
  durationMs: number | null;
  region: string | null;
  executionsPerMonth: number | null;
  /** UTF-8 size of the definition and of the largest payload: Express memory grows with both. */
  definitionBytes: number | null;
  dataBytes: number | null;
}

const MB = 1024 * 1024;
const EXPRESS_BASE_MEMORY_MB = 50; // AWS pricing page: "about 50 MB" plus definition and data
const MEMORY_CHUNK_MB = 64;
const BILLING_STEP_MS = 100;
const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

/** USD for `gbHours` of Express duration in a month, band by band. */
export function expressDurationUsd(gbHours: number, tiers: readonly ExpressDurationTier[]): number {
  let usd = 0;
  let from = 0;
  for (const tier of tiers) {
    const to = tier.upToGbHours ?? Number.POSITIVE_INFINITY;
    if (gbHours <= from) break;
    usd += (Math.min(gbHours, to) - from) * tier.usdPerGbHour;
    from = to;
  }
  return usd;
}

/** Standard cost of this execution at the region's price, a monthly projection, and an Express estimate with its assumptions. */
export function estimateCost(input: CostInput): CostEstimate {
  const notes: string[] = [
    "Transitions: one per state entered plus one per retry; AWS does not document how Map and Parallel states are counted.",
    `The free tier (${FREE_TRANSITIONS_PER_MONTH.toLocaleString("en-US")} transitions a month) is per account and not subtracted.`,
  ];
  const regional = findRegionPrice(input.region);
  const price: RegionPrice = regional ?? findRegionPrice(DEFAULT_PRICE_REGION)!;
  if (regional === null) {
    notes.push(input.region ? `No checked price for ${input.region}: ${DEFAULT_PRICE_REGION} prices used.` : `Region unknown: ${DEFAULT_PRICE_REGION} prices used.`);
  }
  const perTransition = price.standardUsdPerThousandTransitions / 1000;
  const express = price.express ?? findRegionPrice(DEFAULT_PRICE_REGION)!.express!;
  const memoryMb = EXPRESS_BASE_MEMORY_MB + ((input.definitionBytes ?? 0) + (input.dataBytes ?? 0)) / MB;
  const billedMb = Math.ceil(memoryMb / MEMORY_CHUNK_MB) * MEMORY_CHUNK_MB;
  const durationMs = input.durationMs ?? 0;
  const billedMs = Math.max(BILLING_STEP_MS, Math.ceil(durationMs / BILLING_STEP_MS) * BILLING_STEP_MS);
  const gbHours = (billedMb / 1024) * (billedMs / 3_600_000);
  const requestUsd = express.usdPerMillionRequests / 1_000_000;
  const assumptions = [
    `Same run time as this execution (${formatDuration(durationMs)}, runs summed (redrives)), billed as ${formatCount(billedMs)} ms in 100 ms steps.`,
    `Memory ${billedMb} MB: ${EXPRESS_BASE_MEMORY_MB} MB + definition (${formatBytesExact(input.definitionBytes)}) + largest payload (${formatBytesExact(input.dataBytes)}), in 64 MB steps.`,
    `$${express.usdPerMillionRequests} per million requests; duration at the first band ($${express.durationTiers[0]!.usdPerGbHour}/GB-hour), monthly figures use every band.`,
  ];
  if (price.express === null) assumptions.push(`No checked Express price for ${price.region}: ${DEFAULT_PRICE_REGION} Express prices used.`);
  if (input.durationMs === null) assumptions.push("Duration unknown: the minimum 100 ms is assumed.");
  if (durationMs > EXPRESS_MAX_DURATION_MS) assumptions.push("This execution ran longer than 5 minutes, the Express maximum: it could not run as Express.");
  const monthly =
    input.executionsPerMonth === null
      ? null
      : {
          executionsPerMonth: input.executionsPerMonth,
          standardUsd: round(input.transitions * input.executionsPerMonth * perTransition),
          expressUsd: round(
            input.executionsPerMonth * requestUsd + expressDurationUsd(input.executionsPerMonth * gbHours, express.durationTiers),
          ),
        };
  return {
    region: input.region,
    priceRegion: price.region,
    pricePerThousandTransitionsUsd: price.standardUsdPerThousandTransitions,
    priceCheckedOn: price.checkedOn,
    transitions: input.transitions,
    standardUsd: round(input.transitions * perTransition),
    monthly,
    express: { usd: round(requestUsd + gbHours * express.durationTiers[0]!.usdPerGbHour), assumptions },
    notes,
  };
}
