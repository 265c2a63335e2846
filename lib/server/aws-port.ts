import "server-only";
import * as aws from "@/lib/aws";
import { AwsError } from "@/lib/aws/errors";
import { redactCause } from "@/lib/analysis/payload-redaction";
import { isAwsFailure } from "@/lib/domain/errors";
import type { ExecutionDescription } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { WatchedAccount } from "@/lib/aws/accounts";
import type { Budget, BudgetPriority } from "./budget";
import { approximateBytes } from "./approximate-bytes";
import { Lru } from "./lru";
import { createSingleFlight } from "./single-flight";

/**
 * The one door to AWS for the server's services: every lib/aws call goes through here, and here only is
 * it charged to the quota budget (once), refused when its ARN lies outside the watched regions, and, with
 * payloads hidden, stripped of payload text that AWS quoted in error causes.
 *
 * Two faces: the poller's calls spend the budget at the highest priority; a visitor's calls (pages, APIs)
 * spend it as "known" when the execution is already known (fleet, index, or described before) and as
 * "visitor" otherwise. An execution never seen costs at most one DescribeExecution: its history and
 * definition are asked for only once AWS has said it exists, and "does not exist" is remembered.
 */
export interface AwsPort {
  listStateMachines: typeof aws.listStateMachines;
  listExecutions: typeof aws.listExecutions;
  describeExecution: typeof aws.describeExecution;
  describeStateMachine: typeof aws.describeStateMachine;
  describeStateMachineForExecution: typeof aws.describeStateMachineForExecution;
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  getExecutionMetrics: typeof aws.getExecutionMetrics;
  getExecutionCounts: typeof aws.getExecutionCounts;
  describeAlarms: typeof aws.describeAlarms;
  describeAlarm: typeof aws.describeAlarm;
  describeAlarmHistory: typeof aws.describeAlarmHistory;
  listExecutionsPage: typeof aws.listExecutionsPage;
}

/** What the port is built from; tests pass fakes for `calls`. */
export interface AwsPortDeps {
  budget: Budget;
  calls: AwsPort;
  regions: () => string[];
  /** The watched accounts and their regions (SFN_TRIAGE_ACCOUNTS); absent: one account, any id, over `regions`. */
  accounts?: () => WatchedAccount[];
  hidePayloads: () => boolean;
  /** True when the execution is in the fleet snapshot or the failure index. */
  isKnownExecution: (executionArn: string) => boolean | Promise<boolean>;
  now: () => number;
}

// "Does not exist" stays true for a while (an execution ARN is never reused); a typo costs AWS once.
const NOT_FOUND_TTL_MS = 10 * 60_000;
const REMEMBERED_ARNS = 10_000;
// Two DescribeExecution calls this close together get the same answer (a first visit asks twice in one round trip).
const SAME_ANSWER_MS = 1_000;
// Answers are reused only within SAME_ANSWER_MS, so a few MB hold every one that can still be reused.
const ANSWER_BYTES = 16 * 1024 * 1024;

/** Where a call goes: the account (null: the default chain's, whichever it is) and the region. */
interface Destination {
  account: string | null;
  region: string;
}

function redactEvent(event: HistoryEvent): HistoryEvent {
  let copy: HistoryEvent | null = null;
  for (const [key, details] of Object.entries(event)) {
    if (!key.endsWith("EventDetails") || typeof details !== "object" || details === null) continue;
    const cause = (details as { cause?: unknown }).cause;
    if (typeof cause !== "string") continue;
    copy ??= { ...event };
    copy[key as `${string}EventDetails`] = { ...details, cause: redactCause(cause) };
  }
  return copy ?? event;
}

/** With payloads hidden, a description keeps its sizes and loses its texts (input, output, quoted payloads in the cause). */
function redactDescription(description: ExecutionDescription): ExecutionDescription {
  const { input: _input, output: _output, ...rest } = description;
  return { ...rest, cause: rest.cause === null ? null : redactCause(rest.cause) };
}

/** Builds the two faces of the port over one budget. */
export function createAwsPort(deps: AwsPortDeps): { poller: AwsPort; visitor: AwsPort } {
  const notFound = new Lru<string, number>(REMEMBERED_ARNS);
  /** Executions AWS has described, so they exist (a name is all it costs). */
  const described = new Lru<string, true>(REMEMBERED_ARNS);
  /** The last answers, for a moment: bounded in bytes, since a description carries its input and output text. */
  const answers = new Lru<string, { at: number; description: ExecutionDescription }>({ entries: REMEMBERED_ARNS, bytes: ANSWER_BYTES, sizeOf: (a) => approximateBytes(a.description) });
  const pendingDescribe = createSingleFlight<ExecutionDescription>();

  function assertWatched(arn: string, operation: string): Destination {
    return assertRegion(aws.regionOfArn(arn), operation, aws.accountOfArn(arn));
  }

  /** The region (of the account) must be watched, else "not found" before any AWS call, as for an unknown ARN. */
  function assertRegion(region: string, operation: string, account?: string | null): Destination {
    const accounts = deps.accounts?.();
    if (!accounts) {
      if (!deps.regions().includes(region)) {
        throw new AwsError("not-found", operation, `${operation}: ${region} is not a watched region (SFN_TRIAGE_REGIONS: ${deps.regions().join(", ")})`);
      }
      return { account: account ?? null, region };
    }
    // An entry without an account id is the default chain's: it answers for any account, as before accounts existed.
    const entry = account ? (accounts.find((a) => a.accountId === account) ?? accounts.find((a) => a.accountId === null)) : accounts.find((a) => a.roleArn === null) ?? accounts[0];
    if (!entry) {
      throw new AwsError("not-found", operation, `${operation}: account ${account} is not watched (SFN_TRIAGE_ACCOUNTS: ${accounts.map((a) => a.accountId).join(", ")})`);
    }
    if (!entry.regions.includes(region)) {
      throw new AwsError("not-found", operation, `${operation}: ${region} is not a watched region of account ${entry.name} (${entry.regions.join(", ")})`);
    }
    return { account: entry.accountId ?? account ?? null, region };
  }

  async function charged<T>(api: string, to: Destination, priority: BudgetPriority, call: () => Promise<T>): Promise<T> {
    await deps.budget.take(api, to.region, { priority, account: to.account });
    return call();
  }

  async function known(executionArn: string): Promise<boolean> {
    if (described.get(executionArn) !== undefined) return true;
    const indexed = await deps.isKnownExecution(executionArn);
    // Asked again after the wait: a describe that finished meanwhile made it known (else a second describe).
    return indexed || described.get(executionArn) !== undefined;
  }

  function rememberedNotFound(executionArn: string, operation: string): void {
    const at = notFound.get(executionArn);
    if (at !== undefined && deps.now() - at < NOT_FOUND_TTL_MS) {
      throw new AwsError("not-found", operation, `${operation}: ExecutionDoesNotExist (remembered)`, { awsCode: "ExecutionDoesNotExist" });
    }
  }

  function describeOnce(executionArn: string, priority: BudgetPriority): Promise<ExecutionDescription> {
    const operation = "DescribeExecution";
    const destination = assertWatched(executionArn, operation);
    rememberedNotFound(executionArn, operation);
    // The existence check of a first visit and the page's own DescribeExecution come a moment apart: one answer serves both.
    const recent = answers.get(executionArn);
    if (recent && deps.now() - recent.at < SAME_ANSWER_MS) return Promise.resolve(recent.description);
    return pendingDescribe.run(executionArn, () =>
      charged(operation, destination, priority, () => deps.calls.describeExecution(executionArn)).then(
        (description) => {
          const answer = deps.hidePayloads() ? redactDescription(description) : description;
          described.set(executionArn, true);
          answers.set(executionArn, { at: deps.now(), description: answer });
          return answer;
        },
        (error: unknown) => {
          if (isAwsFailure(error) && error.kind === "not-found") notFound.set(executionArn, deps.now());
          throw error;
        },
      ),
    );
  }

  /** For an execution not known yet, the other calls wait until AWS has said it exists. */
  async function existsFirst(executionArn: string, operation: string): Promise<BudgetPriority> {
    assertWatched(executionArn, operation);
    rememberedNotFound(executionArn, operation);
    if (await known(executionArn)) return "known";
    await describeOnce(executionArn, "visitor");
    return "known";
  }

  function face(priority: BudgetPriority | "by-execution"): AwsPort {
    const fixed: BudgetPriority = priority === "by-execution" ? "visitor" : priority;
    // Calls about state machines, alarms and metrics serve every visitor alike: charged as known, not as strangers.
    const shared: BudgetPriority = fixed === "visitor" ? "known" : fixed;
    return {
      listStateMachines: async (region, account) => charged("ListStateMachines", assertRegion(region, "ListStateMachines", account), fixed, () => deps.calls.listStateMachines(region, account)),
      listExecutions: async (input) => charged("ListExecutions", assertWatched(input.stateMachineArn, "ListExecutions"), shared, () => deps.calls.listExecutions(input)),
      describeStateMachine: async (arn) => charged("DescribeStateMachine", assertWatched(arn, "DescribeStateMachine"), shared, () => deps.calls.describeStateMachine(arn)),
      describeExecution: async (arn) => {
        // Refused before any lookup: a foreign region or a remembered "does not exist" costs nothing.
        assertWatched(arn, "DescribeExecution");
        rememberedNotFound(arn, "DescribeExecution");
        return describeOnce(arn, priority === "by-execution" ? ((await known(arn)) ? "known" : "visitor") : fixed);
      },
      describeStateMachineForExecution: async (arn) => {
        const operation = "DescribeStateMachineForExecution";
        const level = priority === "by-execution" ? await existsFirst(arn, operation) : fixed;
        return charged(operation, assertWatched(arn, operation), level, () => deps.calls.describeStateMachineForExecution(arn));
      },
      getExecutionHistoryPage: async (arn, options) => {
        const operation = "GetExecutionHistory";
        const level = priority === "by-execution" ? await existsFirst(arn, operation) : fixed;
        const page = await charged(operation, assertWatched(arn, operation), level, () => deps.calls.getExecutionHistoryPage(arn, options));
        return deps.hidePayloads() ? { ...page, events: page.events.map(redactEvent) } : page;
      },
      // Metrics are read in the account of the state machines asked about (one account per call).
      getExecutionMetrics: async (region, input) =>
        charged("GetMetricData", assertRegion(region, "GetMetricData", input.stateMachineArns[0] ? aws.accountOfArn(input.stateMachineArns[0]) : null), shared, () => deps.calls.getExecutionMetrics(region, input)),
      // One token per GetMetricData call the batch makes (500 queries each), the first charged with the call.
      getExecutionCounts: async (region, input) => {
        const to = assertRegion(region, "GetMetricData", input.stateMachineArns[0] ? aws.accountOfArn(input.stateMachineArns[0]) : null);
        const calls = Math.ceil((new Set(input.stateMachineArns).size * input.metricNames.length) / aws.MAX_METRIC_QUERIES_PER_CALL);
        for (let i = 1; i < calls; i++) await deps.budget.take("GetMetricData", to.region, { priority: shared, account: to.account });
        return charged("GetMetricData", to, shared, () => deps.calls.getExecutionCounts(region, input));
      },
      describeAlarms: async (region, account) => charged("DescribeAlarms", assertRegion(region, "DescribeAlarms", account), shared, () => deps.calls.describeAlarms(region, account)),
      describeAlarm: async (region, name, account) => charged("DescribeAlarms", assertRegion(region, "DescribeAlarms", account), shared, () => deps.calls.describeAlarm(region, name, account)),
      describeAlarmHistory: async (region, input, account) =>
        charged("DescribeAlarmHistory", assertRegion(region, "DescribeAlarmHistory", account), shared, () => deps.calls.describeAlarmHistory(region, input, account)),
      listExecutionsPage: async (input) => charged("ListExecutions", assertWatched(input.stateMachineArn, "ListExecutions"), shared, () => deps.calls.listExecutionsPage(input)),
    };
  }

  return { poller: face("poller"), visitor: face("by-execution") };
}
