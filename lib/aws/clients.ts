import "server-only";
import { SFNClient, type SFNClientConfig } from "@aws-sdk/client-sfn";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

export { regionOfArn } from "./arn";

// Three retries after the first try: enough to ride out a burst of ThrottlingException without
// holding a page for long. Adaptive mode also slows this client down after a throttle, which
// matters because the Step Functions token buckets are shared with every other tool in the account.
const DEFAULT_MAX_ATTEMPTS = 4;

/** Test-only knobs: the SDK's HTTP layer can be swapped so the real middleware (retry, signing) runs. */
export interface ClientOverrides {
  requestHandler?: SFNClientConfig["requestHandler"];
}

let overrides: ClientOverrides = {};
const sfnClients = new Map<string, SFNClient>();
const cloudWatchClients = new Map<string, CloudWatchClient>();

/** SFN_TRIAGE_AWS_MAX_ATTEMPTS (total tries, first included), default 4. */
export function configuredMaxAttempts(): number {
  const raw = process.env.SFN_TRIAGE_AWS_MAX_ATTEMPTS?.trim();
  const parsed = raw ? Number(raw) : NaN;
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : DEFAULT_MAX_ATTEMPTS;
}

// Credentials (AWS_PROFILE, env keys, SSO, IMDS…) and endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SFN,
// AWS_ENDPOINT_URL_CLOUDWATCH, endpoint_url in the profile) come from the SDK's own resolution
// (@smithy/core getEndpointFromConfig in 3.1164), so we pass neither.
function baseConfig(region: string) {
  return {
    region,
    retryMode: "adaptive",
    maxAttempts: configuredMaxAttempts(),
    ...(overrides.requestHandler ? { requestHandler: overrides.requestHandler } : {}),
  };
}

/** The Step Functions client for a region, created once and reused. */
export function getSfnClient(region: string): SFNClient {
  let client = sfnClients.get(region);
  if (!client) {
    client = new SFNClient(baseConfig(region));
    sfnClients.set(region, client);
  }
  return client;
}

/** The CloudWatch client for a region, created once and reused. */
export function getCloudWatchClient(region: string): CloudWatchClient {
  let client = cloudWatchClients.get(region);
  if (!client) {
    client = new CloudWatchClient(baseConfig(region));
    cloudWatchClients.set(region, client);
  }
  return client;
}

/** Drops every cached client (tests, or after the environment changed); `next` applies to clients built afterwards. */
export function resetClients(next: ClientOverrides = {}): void {
  for (const client of sfnClients.values()) client.destroy();
  for (const client of cloudWatchClients.values()) client.destroy();
  sfnClients.clear();
  cloudWatchClients.clear();
  overrides = next;
}

/** Regions to watch: SFN_TRIAGE_REGIONS (comma list), else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
export function configuredRegions(): string[] {
  const listed = (process.env.SFN_TRIAGE_REGIONS ?? "")
    .split(",")
    .map((region) => region.trim())
    .filter((region) => region.length > 0);
  if (listed.length > 0) return [...new Set(listed)];
  const single = process.env.AWS_REGION?.trim() || process.env.AWS_DEFAULT_REGION?.trim();
  return [single || "us-east-1"];
}
