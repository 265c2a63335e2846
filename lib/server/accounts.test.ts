import { describe, expect, it, vi } from "vitest";
import { AwsError } from "@/lib/aws/errors";
import type { WatchedAccount } from "@/lib/aws/accounts";
import type { ExecutionSummary } from "@/lib/domain/execution";
import type { StateMachineSummary } from "@/lib/domain/state-machine";
import { makeEvent } from "@/test-support/make-event";
import { createAwsPort, type AwsPort } from "./aws-port";
import { createBudget } from "./budget";
import { assessHealth } from "./health";
import { FleetPoller, type PollerDeps } from "./poller";
import { FailureStore } from "./store/failure-store";

// Many accounts: routing by the ARN's account, budgets per account and region, one account's failing role
// isolated from the others (poller, fleet, health).

const NOW = Date.parse("2026-12-01T12:00:00Z");
const HUB = "123456789012";
const PAYMENTS = "210987654321";
const ACCOUNTS: WatchedAccount[] = [
  { accountId: HUB, name: "sandbox", roleArn: null, externalId: null, regions: ["us-east-1"] },
  { accountId: PAYMENTS, name: "payments", roleArn: `arn:aws:iam::${PAYMENTS}:role/sfn-triage-read`, externalId: null, regions: ["us-east-1", "eu-west-1"] },
];
const smArn = (account: string, name: string, region = "us-east-1") => `arn:aws:states:${region}:${account}:stateMachine:${name}`;
const exArn = (account: string, sm: string, name: string, region = "us-east-1") => `arn:aws:states:${region}:${account}:execution:${sm}:${name}`;

function portWith(budget = createBudget({ share: 1, clock: () => NOW })) {
  const describeExecution = vi.fn(async (arn: string) => ({ executionArn: arn }) as never);
  const listStateMachines = vi.fn(async () => []);
  const calls = { describeExecution, listStateMachines } as unknown as AwsPort;
  const port = createAwsPort({ budget, calls, regions: () => ["us-east-1"], accounts: () => ACCOUNTS, hidePayloads: () => false, isKnownExecution: () => true, now: () => NOW });
  return { port, describeExecution, listStateMachines, budget };
}

describe("the AWS port with several accounts", () => {
  it("sends a call for a watched account's ARN, and refuses other accounts and other regions with 404 and no AWS call", async () => {
    const { port, describeExecution } = portWith();
    await port.visitor.describeExecution(exArn(PAYMENTS, "ledger", "e1", "eu-west-1"));
    expect(describeExecution).toHaveBeenCalledTimes(1);
    await expect(port.visitor.describeExecution(exArn("999999999999", "ledger", "e1"))).rejects.toMatchObject({ kind: "not-found", message: expect.stringMatching(/account 999999999999 is not watched/) });
    await expect(port.visitor.describeExecution(exArn(HUB, "orders", "e1", "eu-west-1"))).rejects.toMatchObject({ kind: "not-found", message: expect.stringMatching(/eu-west-1 is not a watched region of account sandbox/) });
    expect(describeExecution).toHaveBeenCalledTimes(1);
  });

  it("charges each call to its own account's bucket: quotas are per account and region", async () => {
    const { port, budget } = portWith();
    const before = budget.available("DescribeExecution", "us-east-1", PAYMENTS);
    for (let i = 0; i < 5; i++) await port.poller.describeExecution(exArn(PAYMENTS, "ledger", `e${i}`));
    expect(budget.available("DescribeExecution", "us-east-1", PAYMENTS)).toBe(before - 5);
    expect(budget.available("DescribeExecution", "us-east-1", HUB)).toBe(before);
    await port.poller.listStateMachines("eu-west-1", PAYMENTS);
    expect(budget.available("ListStateMachines", "eu-west-1", PAYMENTS)).toBe(budget.available("ListStateMachines", "eu-west-1", HUB) - 1);
  });
});

function summary(account: string, name: string, region: string): StateMachineSummary {
  return { stateMachineArn: smArn(account, name, region), name, type: "STANDARD", region, creationDate: "" } as StateMachineSummary;
}

function failed(account: string, sm: string, region: string): ExecutionSummary {
  return { executionArn: exArn(account, sm, "failed-1", region), stateMachineArn: smArn(account, sm, region), name: "failed-1", status: "FAILED", startDate: "2026-12-01T11:00:00.000Z", stopDate: "2026-12-01T11:05:00.000Z" };
}

function pollerWith(denied: { payments: boolean }) {
  const clock = { now: NOW };
  const assumeError = () =>
    new AwsError("access-denied", "AssumeRole", `Could not assume ${ACCOUNTS[1]!.roleArn}: AccessDenied: not authorized to perform sts:AssumeRole`, { awsCode: "AccessDenied" });
  const guard = (account: string | null | undefined) => {
    if (account === PAYMENTS && denied.payments) throw assumeError();
  };
  const accountOf = (arn: string) => arn.split(":")[4];
  const listStateMachines = vi.fn(async (region: string, account?: string | null) => (guard(account), [summary(account!, account === HUB ? "orders" : "ledger", region)]));
  const deps: Partial<PollerDeps> = {
    accounts: ACCOUNTS,
    budget: createBudget({ share: 1, clock: () => clock.now }),
    now: () => clock.now,
    store: FailureStore.open({ backend: "sqlite", file: ":memory:" }, { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 }),
    listStateMachines,
    describeAlarms: vi.fn(async (_region: string, account?: string | null) => (guard(account), [])),
    listExecutions: vi.fn(async ({ stateMachineArn }) => (guard(accountOf(stateMachineArn)), [])),
    listExecutionsPage: vi.fn(async (input) => {
      guard(accountOf(input.stateMachineArn));
      const region = input.stateMachineArn.split(":")[3]!;
      return { executions: input.statusFilter === "FAILED" ? [failed(accountOf(input.stateMachineArn)!, input.stateMachineArn.split(":")[6]!, region)] : [], nextToken: null };
    }),
    describeStateMachine: vi.fn(async (arn: string) => (guard(accountOf(arn)), { stateMachineArn: arn, name: "x", type: "STANDARD" as const, region: "us-east-1", creationDate: "", definition: '{"StartAt":"T","States":{"T":{"Type":"Fail","Error":"Ledger.Mismatch"}}}' }) as never),
    getExecutionHistoryPage: vi.fn(async (arn: string) => (guard(accountOf(arn)), { events: [makeEvent(2, "ExecutionFailed", 1, "2026-12-01T11:05:00Z", { error: "Ledger.Mismatch", cause: "off by one" }), makeEvent(1, "ExecutionStarted", 0, "2026-12-01T11:00:00Z", { roleArn: "r" })], nextToken: null })),
    getExecutionMetrics: vi.fn(async (region: string, input: { stateMachineArns: string[] }) => ({ region, from: "", to: "", periodSeconds: 3600, partial: false, messages: [], byStateMachine: Object.fromEntries(input.stateMachineArns.map((a) => [a, {}])) }) as never),
  };
  return { poller: new FleetPoller(["us-east-1"], deps), clock, listStateMachines };
}

describe("FleetPoller with several accounts", () => {
  it("polls every account × region with that account's calls, and indexes each account's failures under its ARN", async () => {
    const { poller, listStateMachines } = pollerWith({ payments: false });
    await poller.pollOnce();
    expect(listStateMachines.mock.calls.map((c) => `${c[1]}/${c[0]}`).sort()).toEqual([`${HUB}/us-east-1`, `${PAYMENTS}/eu-west-1`, `${PAYMENTS}/us-east-1`]);
    const snapshot = poller.snapshot();
    expect(snapshot.error).toBeNull();
    expect(snapshot.stateMachines.map((sm) => `${sm.accountName}:${sm.accountId}:${sm.region}:${sm.name}`).sort()).toEqual([
      `payments:${PAYMENTS}:eu-west-1:ledger`,
      `payments:${PAYMENTS}:us-east-1:ledger`,
      `sandbox:${HUB}:us-east-1:orders`,
    ]);
    const indexed = (await (await poller.store()).executions({ fromMs: 0, toMs: NOW }, { limit: 10 })).items;
    expect(indexed.map((f) => `${f.account}|${f.region}|${f.originError}`).sort()).toEqual([`${HUB}|us-east-1|Ledger.Mismatch`, `${PAYMENTS}|eu-west-1|Ledger.Mismatch`, `${PAYMENTS}|us-east-1|Ledger.Mismatch`]);
  });

  it("a role that can't be assumed is that account's error; the other account keeps polling; retried with backoff; health is 200 degraded", async () => {
    const denied = { payments: true };
    const { poller, clock, listStateMachines } = pollerWith(denied);
    await poller.pollOnce();
    let snapshot = poller.snapshot();
    expect(snapshot.error).toBeNull();
    expect(snapshot.updatedAt).toBe(new Date(NOW).toISOString());
    expect(snapshot.stateMachines.map((sm) => sm.name)).toEqual(["orders"]);
    const payments = snapshot.accounts.find((a) => a.accountId === PAYMENTS)!;
    expect(payments.error?.message).toMatch(/^Could not assume arn:aws:iam::210987654321:role\/sfn-triage-read: AccessDenied/);
    expect(snapshot.accounts.find((a) => a.accountId === HUB)!.error).toBeNull();
    const indexed = (await (await poller.store()).executions({ fromMs: 0, toMs: NOW }, { limit: 10 })).items;
    expect(indexed.map((f) => f.account)).toEqual([HUB]);

    const health = assessHealth({ authProblem: null, poll: snapshot, startedAtMs: NOW, nowMs: NOW + 1_000 });
    expect(health).toMatchObject({ status: 200, ok: true, degraded: true });
    expect(health.accounts).toEqual([expect.stringMatching(/^payments \(210987654321\): Could not assume arn:aws:iam::210987654321:role\/sfn-triage-read: AccessDenied/)]);

    // Within its backoff (one interval after the first failure) the failing account is not asked again.
    const asked = () => listStateMachines.mock.calls.filter((c) => c[1] === PAYMENTS).length;
    const before = asked();
    clock.now += 1_000;
    await poller.pollOnce();
    expect(asked()).toBe(before);
    // The trust policy is fixed: after the backoff its state machines come back and its error clears.
    denied.payments = false;
    clock.now += 60_000;
    await poller.pollOnce();
    snapshot = poller.snapshot();
    expect(snapshot.accounts.every((a) => a.error === null)).toBe(true);
    expect(snapshot.stateMachines.map((sm) => sm.name).sort()).toEqual(["ledger", "ledger", "orders"]);
  });
});

describe("links for a non-default account", () => {
  it("every link the app builds, /go and the console links keep the execution's account", async () => {
    const { routes } = await import("@/lib/routes");
    const { resolveQuery } = await import("@/lib/analysis/links/resolve-query");
    const { toConsoleExecutionUrl, arnFromConsoleUrl } = await import("@/lib/analysis/links/console-url");
    const { parseStatesArn } = await import("@/lib/analysis/links/arn");
    const execution = exArn(PAYMENTS, "ledger", "run-7", "eu-west-1");
    const page = routes.execution(execution);
    expect(decodeURIComponent(page.slice("/executions/".length))).toBe(execution);
    expect(decodeURIComponent(routes.stateMachine(smArn(PAYMENTS, "ledger", "eu-west-1")).slice("/state-machines/".length))).toContain(`:${PAYMENTS}:`);
    const console = toConsoleExecutionUrl(execution, "eu-west-1");
    expect(arnFromConsoleUrl(console)).toBe(execution);
    for (const q of [execution, console]) {
      const target = resolveQuery(q);
      expect(target.kind).toBe("execution");
      if (target.kind === "execution") expect(parseStatesArn(target.arn.arn).account).toBe(PAYMENTS);
    }
  });
});
