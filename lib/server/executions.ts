import "server-only";
import * as aws from "@/lib/aws";
import { AwsError, isAwsFailure, toAwsError } from "@/lib/aws/errors";
import { buildExecutionReport, isHistoryError } from "@/lib/analysis";
import { buildTimeline, TIMELINE_LIMIT } from "@/lib/analysis/timeline/timeline";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { toConsoleExecutionUrl } from "@/lib/analysis/links/console-url";
import type { ExecutionDescription } from "@/lib/domain/execution";
import { TERMINAL_STATUSES } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { ExecutionReport } from "@/lib/domain/report";
import type { PollError } from "@/lib/domain/fleet";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { sharedBudget, type Budget } from "./budget";
import { serverConfig } from "./config";
import { findingsForDefinition } from "./definition-findings";
import { Lru } from "./lru";
import { services } from "./services";
import { createSingleFlight } from "./single-flight";

/** What the triage service calls; tests pass fakes. */
export interface TriageDeps {
  describeExecution: typeof aws.describeExecution;
  describeStateMachineForExecution: typeof aws.describeStateMachineForExecution;
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  budget: Budget;
  now: () => number;
}

interface HistoryLoad {
  /** Newest first, as fetched with reverseOrder. */
  eventsNewestFirst: HistoryEvent[];
  pagesFetched: number;
  complete: boolean;
  error: AwsError | null;
  /** Settles when the first page is in (or the load failed). */
  firstPage: Promise<void>;
  /** Settles when every page is in (or the load failed); never rejects. */
  done: Promise<void>;
}

interface Entry {
  execution: ExecutionDescription;
  definition: { text: string | null; error: string | null };
  load: HistoryLoad;
  /** The full report of a closed execution: never changes, kept for good. */
  finalReport: ExecutionReport | null;
  fetchedAt: number;
  /** Why the last refresh failed, when the data shown is older than asked for. */
  refreshError: PollError | null;
}

// A running execution is re-read at most this often, however many tabs ask.
const RUNNING_TTL_MS = 5_000;
// Whole histories are big (up to 25,000 events with payloads); keep only those being looked at.
const HISTORIES_KEPT = 16;
const PAGE_SIZE = 1000;

const isTerminal = (status: string) => (TERMINAL_STATUSES as readonly string[]).includes(status);

/** Fetches, caches and analyses executions for the triage page. */
export class TriageService {
  private readonly deps: TriageDeps;
  /** Closed executions: description, definition and report, for good (small). */
  private readonly closed = new Map<string, Omit<Entry, "load">>();
  /** Recent entries with their (large) histories. */
  private readonly recent = new Lru<string, Entry>(HISTORIES_KEPT);
  private readonly flight = createSingleFlight<Entry>();

  constructor(deps: Partial<TriageDeps> = {}) {
    this.deps = { ...aws, budget: sharedBudget(), now: () => Date.now(), ...deps };
  }

  /** Cached closed executions (for memory accounting). */
  get closedCount(): number {
    return this.closed.size;
  }

  private async call<T>(api: string, region: string, work: () => Promise<T>): Promise<T> {
    await this.deps.budget.take(api, region);
    return work();
  }

  /** The triage of one execution. The first call returns after ONE history page; the rest loads behind. */
  async getTriage(executionArn: string): Promise<ExecutionTriage> {
    const arn = parseStatesArn(executionArn);
    const closed = this.closed.get(arn.arn);
    if (closed?.finalReport) return this.toTriage(arn.arn, arn.region, { ...closed, load: this.recent.get(arn.arn)?.load ?? null });
    const entry = await this.flight.run(arn.arn, () => this.refresh(arn.arn, arn.region));
    return this.toTriage(arn.arn, arn.region, entry);
  }

  /** The history events of an execution still in memory, for the payload viewer. */
  async getEvents(executionArn: string): Promise<HistoryEvent[]> {
    const arn = parseStatesArn(executionArn);
    let entry = this.recent.get(arn.arn);
    if (!entry) {
      entry = await this.flight.run(arn.arn, () => this.refresh(arn.arn, arn.region, true));
    }
    await entry.load.done;
    return entry.load.eventsNewestFirst;
  }

  private async refresh(arn: string, region: string, forceHistory = false): Promise<Entry> {
    const cached = this.recent.get(arn);
    const now = this.deps.now();
    const usable = cached && !forceHistory && (cached.load.complete || !cached.load.error);
    if (cached && usable && (isTerminal(cached.execution.status) || now - cached.fetchedAt < RUNNING_TTL_MS)) return cached;

    let entry: Entry;
    try {
      // The three calls don't depend on each other: one round trip, not three, before the failure is on screen.
      const load = this.startHistory(arn, region);
      const [execution, definition] = await Promise.all([
        this.call("DescribeExecution", region, () => this.deps.describeExecution(arn)),
        cached?.definition ?? this.readDefinition(arn, region),
        // Wait for the first page only: with reverseOrder the failure is on it.
        load.firstPage,
      ]);
      entry = { execution, definition, load, finalReport: null, fetchedAt: now, refreshError: null };
      if (entry.load.error && entry.load.pagesFetched === 0) throw entry.load.error;
    } catch (error) {
      // AWS is throttling or down: the last good data stays on screen, marked stale with its age.
      if (cached && isAwsFailure(error) && error.retryable) {
        cached.refreshError = { kind: error.kind, message: error.message, at: new Date(now).toISOString() };
        return cached;
      }
      throw error;
    }
    this.recent.set(arn, entry);
    if (isTerminal(entry.execution.status)) {
      void entry.load.done.then(() => {
        if (!entry.load.complete) return;
        entry.finalReport = this.analyse(entry, true);
        const { load: _load, ...rest } = entry;
        this.closed.set(arn, rest);
      });
    }
    return entry;
  }

  private async readDefinition(arn: string, region: string): Promise<Entry["definition"]> {
    try {
      // The version that ran, not today's definition.
      const described = await this.call("DescribeStateMachineForExecution", region, () => this.deps.describeStateMachineForExecution(arn));
      return { text: described.definition, error: null };
    } catch (error) {
      if (isAwsFailure(error) && (error.kind === "throttled" || error.kind === "unavailable")) throw error;
      return { text: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private startHistory(arn: string, region: string): HistoryLoad {
    let firstPageIn = () => {};
    const load: HistoryLoad = {
      eventsNewestFirst: [],
      pagesFetched: 0,
      complete: false,
      error: null,
      firstPage: new Promise<void>((resolve) => (firstPageIn = resolve)),
      done: Promise.resolve(),
    };
    load.done = (async () => {
      let nextToken: string | undefined;
      try {
        do {
          const page = await this.call("GetExecutionHistory", region, () =>
            this.deps.getExecutionHistoryPage(arn, { reverseOrder: true, maxResults: PAGE_SIZE, nextToken }),
          );
          for (const event of page.events) load.eventsNewestFirst.push(event);
          load.pagesFetched += 1;
          firstPageIn();
          nextToken = page.nextToken ?? undefined;
        } while (nextToken);
        load.complete = true;
      } catch (error) {
        load.error = isAwsFailure(error) ? toAwsError(error, "GetExecutionHistory") : new AwsError("unknown", "GetExecutionHistory", String(error));
      }
      firstPageIn();
    })();
    return load;
  }

  private analyse(entry: Pick<Entry, "execution" | "definition"> & { load: HistoryLoad | null }, complete: boolean): ExecutionReport {
    const ascending = entry.load ? [...entry.load.eventsNewestFirst].reverse() : [];
    const options = { region: entry.execution.executionArn.split(":")[3], now: this.deps.now(), complete };
    if (entry.definition.text) {
      try {
        return buildExecutionReport(ascending, { ...options, definition: entry.definition.text });
      } catch (error) {
        // A definition the analyser can't read must not hide the history: analyse without it.
        if (!(isHistoryError(error) && error.code === "bad-definition")) throw error;
      }
    }
    return buildExecutionReport(ascending, options);
  }

  private toTriage(arn: string, region: string, entry: Omit<Entry, "load"> & { load: HistoryLoad | null }): ExecutionTriage {
    const load = entry.load;
    const complete = entry.finalReport !== null || (load?.complete ?? false);
    const report = entry.finalReport ?? this.analyse({ ...entry, load }, complete);
    const { hidePayloads } = serverConfig();
    const { input: _input, output: _output, ...execution } = entry.execution;
    const timeline = load ? buildTimeline(load.eventsNewestFirst, TIMELINE_LIMIT) : [];
    return {
      execution,
      region,
      definition: entry.definition.text,
      definitionError: entry.definition.error,
      // DescribeStateMachineForExecution answers for Standard executions only (Express: StateMachineTypeNotSupported).
      findings: entry.definition.text ? findingsForDefinition(entry.definition.text, { stateMachineType: "STANDARD" }) : [],
      report,
      history: {
        complete,
        pagesFetched: load?.pagesFetched ?? 0,
        eventsFetched: load?.eventsNewestFirst.length ?? report.eventCount,
        error: entry.refreshError ?? (load?.error ? { kind: load.error.kind, message: load.error.message, at: new Date(this.deps.now()).toISOString() } : null),
      },
      timeline,
      timelineTruncated: (load?.eventsNewestFirst.length ?? 0) > TIMELINE_LIMIT,
      payloadsHidden: hidePayloads,
      consoleUrl: toConsoleExecutionUrl(arn, region),
      fetchedAt: new Date(entry.fetchedAt).toISOString(),
    };
  }
}

/** The process-wide triage service (built by the composition root, lib/server/services.ts). */
export function triageService(): TriageService {
  return services().triage;
}
