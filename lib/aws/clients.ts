import "server-only";
import { SFNClient, type SFNClientConfig } from "@aws-sdk/client-sfn";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

import { credentialsFor } from "./accounts";
import { accountOfArn, regionOfArn } from "./arn";

export { regionOfArn, accountOfArn } from "./arn";

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

/** Milliseconds, from the environment when set to a positive integer. */
function envMs(name: string, fallback: number): number {
  const parsed = Number(process.env[name]?.trim());
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * Deadlines on every request: a hung endpoint must fail the call (and be retried, then reported), not
 * hold a page or a poll cycle for minutes. The SDK's requestTimeout only logs a warning unless
 * throwOnRequestTimeout is set. Per attempt; with SFN_TRIAGE_AWS_MAX_ATTEMPTS tries in all.
 */
export function configuredTimeouts(): { connectionTimeout: number; requestTimeout: number } {
  return {
    connectionTimeout: envMs("SFN_TRIAGE_AWS_CONNECT_TIMEOUT_MS", 3_000),
    requestTimeout: envMs("SFN_TRIAGE_AWS_REQUEST_TIMEOUT_MS", 10_000),
  };
}

// Credentials (AWS_PROFILE, env keys, SSO, IMDS…) and endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SFN,
// AWS_ENDPOINT_URL_CLOUDWATCH, endpoint_url in the profile) come from the SDK's own resolution
// (@smithy/core getEndpointFromConfig in 3.1164), so we pass neither.
function baseConfig(region: string) {
  return {
    region,
    retryMode: "adaptive",
    maxAttempts: configuredMaxAttempts(),
    requestHandler: overrides.requestHandler ?? { ...configuredTimeouts(), throwOnRequestTimeout: true },
  };
}

/**
 * Config of one account's client in one region: a watched account with a role signs with that role's
 * assumed session (lib/aws/accounts.ts); otherwise the default chain, as with a single account.
 */
function accountConfig(region: string, accountId: string | null | undefined) {
  const base = baseConfig(region);
  const credentials = credentialsFor(accountId, base);
  return credentials ? { ...base, credentials } : base;
}

/** The Step Functions client for a region (of an account, when several are watched), created once and reused. */
export function getSfnClient(region: string, accountId?: string | null): SFNClient {
  const key = `${accountId ?? "default"}/${region}`;
  let client = sfnClients.get(key);
  if (!client) {
    client = new SFNClient(accountConfig(region, accountId));
    sfnClients.set(key, client);
  }
  return client;
}

/** The CloudWatch client for a region (of an account, when several are watched), created once and reused. */
export function getCloudWatchClient(region: string, accountId?: string | null): CloudWatchClient {
  const key = `${accountId ?? "default"}/${region}`;
  let client = cloudWatchClients.get(key);
  if (!client) {
    client = new CloudWatchClient(accountConfig(region, accountId));
    cloudWatchClients.set(key, client);
  }
  return client;
}

/** The Step Functions client of the account and region an ARN names. */
export function sfnClientFor(arn: string): SFNClient {
  return getSfnClient(regionOfArn(arn), accountOfArn(arn));
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
