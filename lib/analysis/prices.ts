/**
 * Step Functions prices as data, one row per region (AWS-FACTS.md, checked against the AWS pricing
 * page late 2025). Express rows exist only where the price was checked; others fall back to us-east-1
 * and say so.
 */

/** When the table below was checked against the AWS pricing page (AWS-FACTS.md: late 2025). */
export const PRICES_CHECKED_ON = "2025-11";

/** The region whose prices stand in when a region is unknown or has no Express row. */
export const DEFAULT_PRICE_REGION = "us-east-1";

/** One GB-hour price band of Express duration pricing; `upToGbHours` null means "and beyond". */
export interface ExpressDurationTier {
  upToGbHours: number | null;
  usdPerGbHour: number;
}

/** Express prices of one region. */
export interface ExpressPrice {
  usdPerMillionRequests: number;
  /** Bands in order, each covering the GB-hours after the previous band's limit. */
  durationTiers: ExpressDurationTier[];
}

/** Prices of one region. */
export interface RegionPrice {
  region: string;
  standardUsdPerThousandTransitions: number;
  express: ExpressPrice | null;
  checkedOn: string;
}

const row = (region: string, standard: number, express: ExpressPrice | null = null): RegionPrice => ({
  region,
  standardUsdPerThousandTransitions: standard,
  express,
  checkedOn: PRICES_CHECKED_ON,
});

const US_EAST_1_EXPRESS: ExpressPrice = {
  usdPerMillionRequests: 1.0,
  durationTiers: [
    { upToGbHours: 1_000, usdPerGbHour: 0.06 },
    { upToGbHours: 5_000, usdPerGbHour: 0.03 },
    { upToGbHours: null, usdPerGbHour: 0.01642 },
  ],
};

/** Every region with a checked Standard price. */
export const REGION_PRICES: readonly RegionPrice[] = [
  row("us-east-1", 0.025, US_EAST_1_EXPRESS),
  row("us-east-2", 0.025),
  row("us-west-2", 0.025),
  row("ca-central-1", 0.025),
  row("eu-west-1", 0.025),
  row("eu-central-1", 0.025),
  row("eu-west-2", 0.025),
  row("eu-north-1", 0.025),
  row("ap-southeast-1", 0.025),
  row("ap-northeast-1", 0.025),
  row("ap-southeast-2", 0.025),
  row("us-west-1", 0.0279),
  row("sa-east-1", 0.0375),
  row("eu-west-3", 0.0297),
  row("ap-northeast-2", 0.0271),
  row("ap-south-1", 0.0285),
  row("us-gov-west-1", 0.03),
  row("us-gov-east-1", 0.03),
];

/** The price row of a region, or null when the table has none. */
export function findRegionPrice(region: string | null | undefined): RegionPrice | null {
  if (!region) return null;
  for (const price of REGION_PRICES) if (price.region === region) return price;
  return null;
}
