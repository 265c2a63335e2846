import "server-only";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsError, toAwsError } from "./errors";

/**
 * One AWS account the dashboard watches. `roleArn` null: the default credential chain's own identity
 * (AWS_PROFILE, env keys, instance role…). `accountId` null only for that default entry when
 * SFN_TRIAGE_ACCOUNTS is unset: the chain's account, whichever it is, as before accounts existed.
 */
export interface WatchedAccount {
  accountId: string | null;
  /** What the fleet shows beside the account id (defaults to the id). */
  name: string;
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
}

/** Temporary credentials as the SDK's credential providers return them. */
export interface AssumedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** What an assumed-role provider needs besides the account: tests pass a fake clock and their own STS client. */
export interface AssumeRoleDeps {
  now?: () => number;
  sts?: () => STSClient;
  /** Client settings of the STS client built by default (region, retries, timeouts). */
  clientConfig?: ConstructorParameters<typeof STSClient>[0];
}

// Sessions last an hour; they are renewed this long before they end, so no call is ever signed with
// credentials about to expire (the SDK's own clients re-ask their provider 5 minutes before expiry).
const SESSION_SECONDS = 3_600;
/** Credentials are renewed when they expire within this many ms. */
export const REFRESH_BEFORE_EXPIRY_MS = 10 * 60_000;
// A role that cannot be assumed is asked again after 5 s, then 10 s, 20 s… up to 5 minutes: STS is not
// hammered by every page and poll cycle while a trust policy is wrong, and a fix is picked up soon.
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * A credential provider that assumes `account.roleArn` with STS AssumeRole, shares one session between
 * every client of the account (both services, every region), renews it REFRESH_BEFORE_EXPIRY_MS before
 * it expires, and after a failure answers with the same error ("Could not assume arn:…: AccessDenied…")
 * until its backoff is over. We call STS ourselves rather than through fromTemporaryCredentials: that
 * provider caches nothing (each SDK client memoizes on its own, so every service × region assumed again).
 */
export function assumeRoleProvider(account: WatchedAccount & { roleArn: string }, deps: AssumeRoleDeps = {}): () => Promise<AssumedCredentials> {
  const now = deps.now ?? (() => Date.now());
  let client: STSClient | null = null;
  const sts = deps.sts ?? (() => (client ??= new STSClient({ region: account.regions[0], ...deps.clientConfig })));
  let current: AssumedCredentials | null = null;
  let pending: Promise<AssumedCredentials> | null = null;
  let failure: { error: AwsError; retryAt: number; delayMs: number } | null = null;

  async function assume(): Promise<AssumedCredentials> {
    try {
      const answer = await sts().send(
        new AssumeRoleCommand({
          RoleArn: account.roleArn,
          RoleSessionName: "sfn-triage",
          DurationSeconds: SESSION_SECONDS,
          ...(account.externalId ? { ExternalId: account.externalId } : {}),
        }),
      );
      const c = answer.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("STS answered without credentials");
      failure = null;
      current = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      return current;
    } catch (err) {
      const cause = toAwsError(err, "AssumeRole");
      const code = cause.awsCode ?? cause.kind;
      const detail = cause.message.replace(/^AssumeRole: /, "");
      const error = new AwsError(cause.kind, "AssumeRole", `Could not assume ${account.roleArn}: ${code}: ${detail}`, { awsCode: cause.awsCode, cause: err });
      const delayMs = failure ? Math.min(failure.delayMs * 2, MAX_RETRY_MS) : FIRST_RETRY_MS;
      failure = { error, retryAt: now() + delayMs, delayMs };
      throw error;
    }
  }

  return async () => {
    const expiresAt = current?.expiration?.getTime();
    if (current && (expiresAt === undefined || expiresAt - now() > REFRESH_BEFORE_EXPIRY_MS)) return current;
    if (failure && now() < failure.retryAt) throw failure.error;
    pending ??= assume().finally(() => (pending = null));
    return pending;
  };
}

let watched: WatchedAccount[] | null = null;
const providers = new Map<string, () => Promise<AssumedCredentials>>();
let providerDeps: AssumeRoleDeps = {};

/** Sets the accounts the AWS layer serves (the composition root passes SFN_TRIAGE_ACCOUNTS, parsed). */
export function setWatchedAccounts(accounts: WatchedAccount[], deps: AssumeRoleDeps = {}): void {
  watched = accounts;
  providers.clear();
  providerDeps = deps;
}

/** The watched account of an account id; with no account list, the default chain's entry serves every id. */
export function watchedAccount(accountId: string | null | undefined): WatchedAccount | null {
  if (!watched) return null;
  if (!accountId) return watched.find((a) => a.roleArn === null) ?? watched[0] ?? null;
  return watched.find((a) => a.accountId === accountId) ?? watched.find((a) => a.accountId === null) ?? null;
}

/** Credentials for an account's clients: its assumed role's provider, or undefined for the default chain. */
export function credentialsFor(accountId: string | null | undefined, stsConfig?: AssumeRoleDeps["clientConfig"]): (() => Promise<AssumedCredentials>) | undefined {
  const account = watchedAccount(accountId);
  if (!account?.roleArn) return undefined;
  let provider = providers.get(account.roleArn);
  if (!provider) {
    provider = assumeRoleProvider({ ...account, roleArn: account.roleArn }, { clientConfig: stsConfig, ...providerDeps });
    providers.set(account.roleArn, provider);
  }
  return provider;
}
