/**
 * Many accounts on the sandbox: the second account ("payments", reached through STS AssumeRole, which moto
 * answers with keys of the role's account) is polled beside the default one, and its failures reach the
 * index under its own account; a role whose AssumeRole the gateway refuses is that account's error while
 * the default account keeps polling.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as aws from "@/lib/aws";
import { resetClients, setWatchedAccounts, type WatchedAccount } from "@/lib/aws";
import { SECOND_ACCOUNT_ID, SECOND_ACCOUNT_ROLE_ARN } from "../../sandbox";
import { SANDBOX_ACCOUNT_ID } from "../../sandbox/aws-clients";
import { sharedSandbox, type SharedSandbox } from "../../test-support/shared-sandbox";
import { createAwsPort } from "./aws-port";
import { parseAccounts } from "./config";
import { createBudget } from "./budget";
import { FleetPoller } from "./poller";
import { FailureStore } from "./store/failure-store";

const RETENTION = { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 };
const savedEnv = { ...process.env };
let sandbox: SharedSandbox;
let accounts: WatchedAccount[];

function pollerOn(accountsToPoll: WatchedAccount[]) {
  setWatchedAccounts(accountsToPoll);
  resetClients();
  const budget = createBudget({ share: 1 });
  const port = createAwsPort({ budget, calls: aws, regions: () => ["us-east-1"], accounts: () => accountsToPoll, hidePayloads: () => false, isKnownExecution: () => false, now: () => Date.now() });
  return new FleetPoller(["us-east-1"], { ...port.poller, budget, accounts: accountsToPoll, store: FailureStore.open({ backend: "sqlite", file: ":memory:" }, RETENTION), now: () => Date.now() });
}

async function faults(body: unknown) {
  const res = await fetch(`${sandbox.endpoint}/__sandbox/faults`, { method: body === null ? "DELETE" : "POST", body: body === null ? undefined : JSON.stringify(body) });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  sandbox = await sharedSandbox();
  Object.assign(process.env, { AWS_ENDPOINT_URL: sandbox.endpoint, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", SFN_TRIAGE_AWS_MAX_ATTEMPTS: "2" });
  delete process.env.AWS_PROFILE;
  accounts = parseAccounts(
    JSON.stringify([
      { accountId: SANDBOX_ACCOUNT_ID, name: "sandbox" },
      { roleArn: SECOND_ACCOUNT_ROLE_ARN, name: "payments" },
    ]),
    ["us-east-1"],
  );
});

afterAll(async () => {
  await faults(null);
  process.env = savedEnv;
  setWatchedAccounts([]);
  resetClients();
});

describe("two sandbox accounts", () => {
  it("polls the second account through AssumeRole and indexes its failures under its account, beside the default account's", async () => {
    const poller = pollerOn(accounts);
    let indexed: Awaited<ReturnType<FailureStore["executions"]>>["items"] = [];
    for (let cycle = 0; cycle < 20; cycle++) {
      await poller.pollOnce();
      indexed = (await (await poller.store()).executions({ fromMs: 0, toMs: Date.now() }, { limit: 1000 })).items;
      if (indexed.some((f) => f.account === SECOND_ACCOUNT_ID && f.originError) && indexed.some((f) => f.account === SANDBOX_ACCOUNT_ID)) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const snapshot = poller.snapshot();
    expect(snapshot.error).toBeNull();
    expect(snapshot.accounts.map((a) => [a.accountId, a.error])).toEqual([[SANDBOX_ACCOUNT_ID, null], [SECOND_ACCOUNT_ID, null]]);
    const payments = snapshot.stateMachines.filter((sm) => sm.accountId === SECOND_ACCOUNT_ID);
    expect(payments.map((sm) => `${sm.accountName}:${sm.name}`).sort()).toEqual(["payments:ledger-reconcile", "payments:payout-batch"]);
    expect(snapshot.stateMachines.filter((sm) => sm.accountId === SANDBOX_ACCOUNT_ID).length).toBeGreaterThanOrEqual(6);
    const second = indexed.filter((f) => f.account === SECOND_ACCOUNT_ID);
    expect(second.length).toBeGreaterThan(0);
    for (const f of second) expect(f.executionArn).toMatch(new RegExp(`^arn:aws:states:us-east-1:${SECOND_ACCOUNT_ID}:execution:(ledger-reconcile|payout-batch):`));
    // Its details were read from its own history (through the gateway, in its account): the Fail state's error.
    expect(second.some((f) => f.originError === "Ledger.Mismatch" || f.originError === "Payout.Rejected")).toBe(true);
    poller.stop();
  }, 90_000);

  it("an account whose role can't be assumed shows 'Could not assume …: AccessDenied' and doesn't stop the other", async () => {
    await faults({ denyAssumeRole: [SECOND_ACCOUNT_ROLE_ARN] });
    const poller = pollerOn(accounts);
    await poller.pollOnce();
    const snapshot = poller.snapshot();
    expect(snapshot.error).toBeNull();
    expect(snapshot.updatedAt).not.toBeNull();
    const [hub, payments] = snapshot.accounts;
    expect(hub!.error).toBeNull();
    expect(payments!.error?.message).toMatch(new RegExp(`^Could not assume arn:aws:iam::${SECOND_ACCOUNT_ID}:role/sfn-triage-read: AccessDenied: .*not authorized to perform: sts:AssumeRole`));
    expect(payments!.error?.kind).toBe("access-denied");
    expect(snapshot.stateMachines.some((sm) => sm.accountId === SANDBOX_ACCOUNT_ID)).toBe(true);
    expect(snapshot.stateMachines.some((sm) => sm.accountId === SECOND_ACCOUNT_ID)).toBe(false);
    const indexed = (await (await poller.store()).executions({ fromMs: 0, toMs: Date.now() }, { limit: 1000 })).items;
    expect(indexed.some((f) => f.account === SANDBOX_ACCOUNT_ID)).toBe(true);
    expect(indexed.some((f) => f.account === SECOND_ACCOUNT_ID)).toBe(false);
    poller.stop();
  }, 90_000);
});
