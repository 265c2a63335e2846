import "server-only";
import * as aws from "@/lib/aws";
import { configuredRegions } from "@/lib/aws/clients";
import { setWatchedAccounts } from "@/lib/aws/accounts";
import { createAwsPort, type AwsPort } from "./aws-port";
import { sharedBudget, type Budget } from "./budget";
import { serverConfig, watchedAccounts } from "./config";
import type { EventIngest } from "./event-ingest";
import { eventIngestFromEnv } from "./event-ingest-wiring";
import { TriageService, type ClosedReports, type StoredClosed } from "./executions";
import { FleetPoller } from "./poller";
import { replicationFor, type Replication } from "./replica-state";
import { indexConfig } from "./store/config";
import { FailureStore } from "./store/failure-store";

/** Everything the server keeps, built once per process (the composition root). */
export interface Services {
  budget: Budget;
  /** The AWS port: `poller` for the poller's calls, `visitor` for what pages and APIs ask. */
  aws: { poller: AwsPort; visitor: AwsPort };
  poller: FleetPoller;
  triage: TriageService;
  /** The failure index (opening once, on first use). */
  store: Promise<FailureStore>;
  /** The SQS consumer of Step Functions status-change events (null unless SFN_TRIAGE_EVENTS_QUEUE_URL is set). */
  events: EventIngest | null;
  /** Why SFN_TRIAGE_ACCOUNTS can't be read (nothing is polled then), or null. */
  accountsProblem: string | null;
}

/**
 * The budget as the services built on the port see it: the port charges every call, so their own take is a
 * no-op (never charged twice), while what is left stays real, for the decisions made on it (the poller reads
 * failure details only while tokens remain beyond the reserve for the triage pages).
 */
function chargedByThePort(budget: Budget): Budget {
  return { take: async () => {}, available: (api, region, account) => budget.available(api, region, account), spent: () => budget.spent() };
}

// How often the set of executions the poller knows is rebuilt for the port's "known" check.
const KNOWN_REFRESH_MS = 2_000;

/** Builds the services; `calls` defaults to lib/aws and the index to indexConfig() (tests pass their own). */
export function buildServices(
  calls: AwsPort = aws,
  now: () => number = () => Date.now(),
  openStore: () => Promise<FailureStore> = () => FailureStore.open(indexConfig().location, indexConfig().retention),
  // Several replicas on one Postgres: only the lease holder polls (docs/replicas.md). SQLite: always this process.
  openReplication: (store: Promise<FailureStore>) => Replication = (store) => replicationFor(indexConfig().location, store),
): Services {
  const budget = sharedBudget();
  const store = openStore();
  // SFN_TRIAGE_ACCOUNTS, once per process: the AWS layer signs each account's calls with its role's session.
  const { accounts, problem: accountsProblem } = watchedAccounts(configuredRegions());
  setWatchedAccounts(accounts);
  let known = { at: -Infinity, arns: new Set<string>() };
  let poller: FleetPoller | null = null;
  // Known: in the fleet snapshot (recent failures, running executions) or anywhere in the failure index.
  const isKnownExecution = async (arn: string) => {
    if (!poller) return false;
    if (now() - known.at > KNOWN_REFRESH_MS) {
      const snapshot = poller.snapshot();
      known = { at: now(), arns: new Set([...snapshot.failing, ...snapshot.running].map((e) => e.executionArn)) };
    }
    if (known.arns.has(arn)) return true;
    const keys = await (await store).knownKeys([{ executionArn: arn, redriveCount: 0 }]).catch(() => new Set<string>());
    return keys.size > 0;
  };
  const port = createAwsPort({ budget, calls, regions: configuredRegions, accounts: () => accounts, hidePayloads: () => serverConfig().hidePayloads, isKnownExecution, now });
  poller = new FleetPoller(configuredRegions(), { ...port.poller, budget: chargedByThePort(budget), store, now, accounts, accountsProblem, replication: openReplication(store) });
  const triage = new TriageService({ ...port.visitor, budget: chargedByThePort(budget), now, closedReports: closedReportsIn(store, now) });
  const events = eventIngestFromEnv({ port: port.poller, budget, store, poller, regions: configuredRegions, now });
  return { budget, aws: port, poller, triage, store, events, accountsProblem };
}

/**
 * Closed executions' reports in the failure index. A redrive reopens an execution under the same ARN: the
 * stored report is trusted only for the newest redrive count the index knows of that ARN.
 */
function closedReportsIn(store: Promise<FailureStore>, now: () => number): ClosedReports {
  return {
    async get(executionArn) {
      const s = await store;
      const counts = [...(await s.knownKeys([{ executionArn, redriveCount: 0 }]))].map((key) => Number(key.slice(key.lastIndexOf("|") + 1)));
      const newest = counts.length ? Math.max(...counts) : 0;
      return s.getReport<StoredClosed>({ executionArn, redriveCount: newest });
    },
    async put(executionArn, redriveCount, closed, stopMs) {
      await (await store).putReport({ executionArn, redriveCount }, closed, stopMs, now());
    },
  };
}

// One set per server process, on globalThis: Next bundles pages, routes and instrumentation separately,
// and dev reloads re-evaluate modules; both must find the same poller and caches.
const holder = globalThis as typeof globalThis & { __sfnTriageServices?: Services };

/** The process's services, built on first use. */
export function services(): Services {
  holder.__sfnTriageServices ??= buildServices();
  return holder.__sfnTriageServices;
}
