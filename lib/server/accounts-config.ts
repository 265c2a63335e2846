import "server-only";
import { z } from "zod";
import type { WatchedAccount } from "@/lib/aws/accounts";

/**
 * SFN_TRIAGE_ACCOUNTS: a JSON array, one entry per account —
 * `[{"roleArn":"arn:aws:iam::111122223333:role/sfn-triage-read","regions":["us-east-1","eu-west-1"],"name":"payments","externalId":"…"}]`.
 * An entry with `accountId` and no `roleArn` is the dashboard's own account, read with the default credential
 * chain. `regions` defaults to SFN_TRIAGE_REGIONS. Unset: one account, the default chain's, as before. See docs/accounts.md.
 */

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

const Entry = z
  .strictObject({
    roleArn: z.string().regex(ROLE_ARN, "must be an IAM role ARN such as arn:aws:iam::111122223333:role/sfn-triage-read").optional(),
    accountId: z.string().regex(/^\d{12}$/, "must be 12 digits").optional(),
    name: z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters").optional(),
    // STS's own limits on ExternalId: 2 to 1224 characters of [\w+=,.@:/-].
    externalId: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, "must be 2 to 1224 characters of letters, digits and +=,.@:/-").optional(),
    regions: z.array(z.string().regex(REGION, "must be a region such as eu-west-1")).min(1, "must list at least one region").optional(),
  })
  .superRefine((entry, ctx) => {
    if (!entry.roleArn && !entry.accountId) ctx.addIssue({ code: "custom", message: "needs a roleArn (an account to assume a role in) or an accountId (the default credentials' own account)" });
    const roleAccount = entry.roleArn ? ROLE_ARN.exec(entry.roleArn)?.[2] : undefined;
    if (roleAccount && entry.accountId && roleAccount !== entry.accountId) {
      ctx.addIssue({ code: "custom", path: ["accountId"], message: `is ${entry.accountId} but the role belongs to ${roleAccount}` });
    }
    if (entry.externalId && !entry.roleArn) ctx.addIssue({ code: "custom", path: ["externalId"], message: "only applies with a roleArn" });
  });

const Accounts = z.array(Entry).min(1, "must list at least one account");

/** A malformed SFN_TRIAGE_ACCOUNTS: the message says which entry and field, and what was expected. */
export class AccountsConfigError extends Error {
  constructor(message: string) {
    super(`SFN_TRIAGE_ACCOUNTS: ${message}`);
    this.name = "AccountsConfigError";
  }
}

function where(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** Parses SFN_TRIAGE_ACCOUNTS (unset or blank: the default chain's one account over `defaultRegions`); throws AccountsConfigError. */
export function parseAccounts(raw: string | undefined, defaultRegions: string[]): WatchedAccount[] {
  if (!raw?.trim()) return [{ accountId: null, name: "default", roleArn: null, externalId: null, regions: defaultRegions }];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new AccountsConfigError(`is not JSON (${error instanceof Error ? error.message : String(error)}); expected [{"roleArn":"arn:aws:iam::111122223333:role/sfn-triage-read","regions":["eu-west-1"]}]`);
  }
  const parsed = Accounts.safeParse(json);
  if (!parsed.success) {
    throw new AccountsConfigError(parsed.error.issues.map((issue) => `${where(issue.path) || "the value"} ${issue.message}`).join("; "));
  }
  const accounts = parsed.data.map((entry): WatchedAccount => {
    const accountId = entry.accountId ?? ROLE_ARN.exec(entry.roleArn!)![2]!;
    return { accountId, name: entry.name ?? accountId, roleArn: entry.roleArn ?? null, externalId: entry.externalId ?? null, regions: [...new Set(entry.regions ?? defaultRegions)] };
  });
  const seen = new Set<string>();
  for (const [i, account] of accounts.entries()) {
    if (seen.has(account.accountId!)) throw new AccountsConfigError(`[${i}] lists account ${account.accountId} again: one entry per account`);
    seen.add(account.accountId!);
  }
  if (accounts.filter((a) => a.roleArn === null).length > 1) throw new AccountsConfigError("more than one entry without a roleArn: the default credentials belong to one account");
  return accounts;
}

/** The watched accounts from the environment, or the reason they can't be read (the server then polls nothing and says why). */
export function watchedAccounts(defaultRegions: string[]): { accounts: WatchedAccount[]; problem: string | null } {
  try {
    return { accounts: parseAccounts(process.env.SFN_TRIAGE_ACCOUNTS, defaultRegions), problem: null };
  } catch (error) {
    if (error instanceof AccountsConfigError) return { accounts: [], problem: error.message };
    throw error;
  }
}
