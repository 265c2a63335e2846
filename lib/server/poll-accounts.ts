import "server-only";
import type { WatchedAccount } from "@/lib/aws/accounts";

/** The key of an account in the poller's maps and the fleet ("default" for the default chain's unnamed one). */
export function accountKey(account: Pick<WatchedAccount, "accountId">): string {
  return account.accountId ?? "default";
}

/** True when an ARN (state machine, alarm) lies in an account × region the poller covers. */
export function inArea(arn: string, region: string, area: { account: Pick<WatchedAccount, "accountId">; region: string }): boolean {
  if (region !== area.region) return false;
  return area.account.accountId === null || arn.split(":")[4] === area.account.accountId;
}
