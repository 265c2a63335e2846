import "server-only";
import * as aws from "@/lib/aws";
import { isAwsFailure } from "@/lib/aws/errors";
import { analyseHistory, isHistoryError, type HistoryAnalysis } from "@/lib/analysis";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { toConsoleExecutionUrl } from "@/lib/analysis/links/console-url";
import { payloadOf, selectEvents } from "@/lib/analysis/timeline/timeline";
import type { ExecutionDescription } from "@/lib/domain/execution";
import { TERMINAL_STATUSES } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { PollError } from "@/lib/domain/fleet";
import type { EventPage, EventQuery, ExecutionTriage, FindingView } from "@/lib/domain/triage";
import { sharedBudget, type Budget } from "./budget";
import { serverConfig } from "./config";
import { findingsForDefinition } from "./definition-findings";
import { fetchEvent, loadHistory, type FetchHistoryPage, type HistoryLoad } from "./history-loader";
import { approximateBytes } from "./approximate-bytes";
import { Lru } from "./lru";
import { services } from "./services";
import { createSingleFlight } from "./single-flight";
import { RUNNING_TTL_MS, TriageCache } from "./triage-cache";
import { assembleTriage, buildGraph, type GraphBuild } from "./triage-json";

/** What the triage service calls; tests pass fakes, a composition root the real ones. */
export interface TriageDeps {
  describeExecution: typeof aws.describeExecution;
  describeStateMachineForExecution: typeof aws.describeStateMachineForExecution;
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  budget: Budget;
  now: () => number;
  /** Where closed executions' reports outlive the process (the failure index); none in tests unless given. */
  closedReports?: ClosedReports;
}

/** What of a closed execution is kept across restarts: enough for its page without asking AWS again. */
export interface StoredClosed {
  execution: Omit<ExecutionDescription, "input" | "output">;
  definition: { text: string | null; error: string | null };
  report: HistoryAnalysis["report"];
  fetchedAt: number;
}

/** A durable home for closed executions' reports. */
export interface ClosedReports {
  get(executionArn: string, redriveCount: number): Promise<StoredClosed | null>;
  put(executionArn: string, redriveCount: number, closed: StoredClosed, stopMs: number): Promise<void>;
}

type Execution = Omit<ExecutionDescription, "input" | "output">;
type Definition = { text: string | null; error: string | null };

/** What does not change once an execution closed: kept for good (small: no events). */
interface Closed {
  execution: Execution;
  definition: Definition;
  findings: FindingView[];
  graph: GraphBuild;
  report: HistoryAnalysis["report"];
  fetchedAt: number;
}

/** One execution being looked at: its slim history (sizes, never payload text) and what the analyser made of it. */
interface Entry {
  arn: string;
  region: string;
  execution: Execution;
  definition: Definition;
  findings: FindingView[];
  graph: GraphBuild;
  fetchedAt: number;
  /** Why the last refresh failed, when the data shown is older than asked for. */
  refreshError: PollError | null;
  /** Slim events, oldest first, read completely from event 1 when `baseComplete`. */
  base: HistoryEvent[];
  baseComplete: boolean;
  /** A read in progress (or one that failed) on top of `base`. */
  pending: HistoryLoad | null;
  pagesFetched: number;
  /** Re-read because the cache had dropped the history of a closed execution. */
  reloading: boolean;
  analysis: { events: number; value: HistoryAnalysis } | null;
}

const isTerminal = (status: string) => (TERMINAL_STATUSES as readonly string[]).includes(status);

function eventsOf(entry: Entry): HistoryEvent[] {
  if (entry.pending === null || entry.pending.eventsNewestFirst.length === 0) return entry.base;
  return entry.base.concat([...entry.pending.eventsNewestFirst].reverse());
}

function historyComplete(entry: Entry): boolean {
  return entry.baseComplete && (entry.pending === null || entry.pending.complete);
}

/**
 * Loads, caches and analyses executions for the triage page: history loading (history-loader.ts), what is
 * kept and for how long (triage-cache.ts), and the JSON (triage-json.ts, pure) are apart; this ties them.
 */
export class TriageService {
  private readonly deps: TriageDeps;
  // Weighed without the definition, its graph and findings: executions of one version share those (byDefinition).
  private readonly cache = new TriageCache<Closed, Entry>({
    history: (entry) => approximateBytes([entry.execution, entry.base, entry.analysis]),
    closed: (closed) => approximateBytes([closed.execution, closed.report]),
  });
  /** Entries whose history is being read (not yet in the cache). */
  private readonly loading = new Map<string, Entry>();
  private readonly flight = createSingleFlight<Entry>();
  private readonly payloads = createSingleFlight<HistoryEvent | null>();
  /** Graph model and findings per definition text: executions of one version share them (20,000 closed ones, few definitions). */
  private readonly byDefinition = new Lru<string, { graph: GraphBuild; findings: FindingView[] }>({ entries: 64, bytes: 32 * 1024 * 1024 });

  constructor(deps: Partial<TriageDeps> = {}) {
    this.deps = { ...aws, budget: sharedBudget(), now: () => Date.now(), ...deps };
  }

  /** Cached closed executions (for memory accounting). */
  get closedCount(): number {
    return this.cache.closed.size;
  }

  private async call<T>(api: string, region: string, work: () => Promise<T>): Promise<T> {
    await this.deps.budget.take(api, region);
    return work();
  }

  private pages(arn: string, region: string): FetchHistoryPage {
    return (options) => this.call("GetExecutionHistory", region, () => this.deps.getExecutionHistoryPage(arn, options));
  }

  private entryOf(arn: string): Entry | undefined {
    return this.cache.history(arn) ?? this.loading.get(arn);
  }

  /** The triage of one execution. A first visit returns after ONE history page; the rest loads behind. */
  async getTriage(executionArn: string): Promise<ExecutionTriage> {
    const arn = parseStatesArn(executionArn);
    const entry = await this.flight.run(arn.arn, () => this.refresh(arn.arn, arn.region));
    return this.toTriage(entry);
  }

  /** One page of the event view (newest first, filtered); re-reads the history if the cache dropped it. */
  async getEventPage(executionArn: string, query: EventQuery): Promise<EventPage> {
    const arn = parseStatesArn(executionArn);
    const entry = await this.flight.run(arn.arn, () => this.refresh(arn.arn, arn.region));
    const { events: rows, report } = this.analyse(entry);
    return { ...selectEvents(rows, query), complete: historyComplete(entry), eventsLoaded: rows.length, eventsTotal: report.lastEventId ?? null };
  }

  /** The slim events held for an execution (sizes, no payload text), newest first, once its read settles. */
  async getEvents(executionArn: string): Promise<HistoryEvent[]> {
    const arn = parseStatesArn(executionArn);
    const entry = await this.flight.run(arn.arn, () => this.refresh(arn.arn, arn.region));
    await entry.pending?.done;
    return [...eventsOf(entry)].reverse();
  }

  /** One payload's text, read from AWS on demand (never cached here); null when the event carries none. */
  async getPayload(executionArn: string, eventId: number, field: string): Promise<string | null> {
    const arn = parseStatesArn(executionArn);
    const lastId = this.cache.closed.get(arn.arn)?.report.lastEventId ?? this.entryOf(arn.arn)?.analysis?.value.report.lastEventId ?? null;
    const event = await this.payloads.run(`${arn.arn}#${eventId}`, () => fetchEvent(this.pages(arn.arn, arn.region), eventId, lastId));
    return event ? payloadOf(event, field) : null;
  }

  /** A closed execution's report from the durable store (after a restart), into the cache; null when none. */
  private async storedClosed(arn: string): Promise<Closed | null> {
    const stored = await this.deps.closedReports?.get(arn, 0).catch(() => null);
    if (!stored) return null;
    const closed: Closed = { ...stored, ...this.definitionParts(stored.definition.text) };
    this.cache.closed.set(arn, closed);
    return closed;
  }

  private async refresh(arn: string, region: string): Promise<Entry> {
    const cached = this.entryOf(arn);
    // A closed execution never changes: from memory, else from the index (it survives restarts and AWS's 90 days).
    const closed = this.cache.closed.get(arn) ?? (cached ? undefined : await this.storedClosed(arn)) ?? undefined;
    if (closed) return cached ?? this.reload(arn, region, closed);
    const now = this.deps.now();
    const settled = cached !== undefined && (cached.pending === null || cached.pending.complete || cached.pending.error === null);
    if (cached && settled && now - cached.fetchedAt < RUNNING_TTL_MS) return cached;
    if (cached && cached.pending && !cached.pending.complete && cached.pending.error === null) return cached;

    // History only grows: a refresh reads what came after the last event held.
    const incremental = cached !== undefined && historyComplete(cached) && cached.base.length > 0;
    const knownLastId = incremental ? cached.base[cached.base.length - 1]!.id : 0;
    try {
      // The calls don't depend on each other: one round trip, not three, before the failure is on screen.
      const load = loadHistory(this.pages(arn, region), knownLastId);
      const [execution, definition] = await Promise.all([
        this.call("DescribeExecution", region, () => this.deps.describeExecution(arn)),
        cached?.definition ?? this.readDefinition(arn, region),
        // A first read waits for its first page only (with reverseOrder the failure is on it); a refresh for all it needs.
        incremental ? load.done : load.firstPage,
      ]);
      if (load.error && load.pagesFetched === 0) throw load.error;
      const { input: _input, output: _output, ...described } = execution;
      // The same entry grows (readers hold it); a first read makes a new one.
      const entry: Entry = cached && incremental
        ? Object.assign(cached, { execution: described, fetchedAt: now, refreshError: null, pending: load })
        : this.newEntry(arn, region, described, definition, now, load, false);
      this.track(entry);
      return entry;
    } catch (error) {
      // AWS is throttling or down: the last good data stays on screen, marked stale with its age.
      if (cached && isAwsFailure(error) && error.retryable) {
        cached.refreshError = { kind: error.kind, message: error.message, at: new Date(now).toISOString() };
        return cached;
      }
      throw error;
    }
  }

  /** A closed execution whose history the cache dropped: read it again (the report stays), with progress. */
  private async reload(arn: string, region: string, closed: Closed): Promise<Entry> {
    const load = loadHistory(this.pages(arn, region));
    const entry = this.newEntry(arn, region, closed.execution, closed.definition, closed.fetchedAt, load, true);
    entry.findings = closed.findings;
    entry.graph = closed.graph;
    this.track(entry);
    await load.firstPage;
    return entry;
  }

  private newEntry(arn: string, region: string, execution: Execution, definition: Definition, now: number, load: HistoryLoad, reloading: boolean): Entry {
    const previous = this.entryOf(arn);
    return {
      arn,
      region,
      execution,
      definition,
      ...(previous ? { graph: previous.graph, findings: previous.findings } : this.definitionParts(definition.text)),
      fetchedAt: now,
      refreshError: null,
      base: [],
      baseComplete: true,
      pending: load,
      pagesFetched: 0,
      reloading,
      analysis: null,
    };
  }

  private definitionParts(text: string | null): { graph: GraphBuild; findings: FindingView[] } {
    if (text === null) return { graph: buildGraph(null), findings: [] };
    let parts = this.byDefinition.get(text);
    if (!parts) {
      // Only Standard executions have a history to triage (Express keeps none in Step Functions).
      parts = { graph: buildGraph(text), findings: findingsForDefinition(text, { stateMachineType: "STANDARD" }) };
      this.byDefinition.set(text, parts);
    }
    return parts;
  }

  /** Follows a read to its end: merges it into the slim history, then caches it (and the report, once closed). */
  private track(entry: Entry): void {
    const load = entry.pending;
    if (load === null) return;
    this.loading.set(entry.arn, entry);
    void load.done.then(() => {
      if (entry.pending !== load) return;
      // A failed read stays (as `pending`, still in `loading`), so its pages and its error still show.
      if (!load.complete) return;
      if (this.loading.get(entry.arn) === entry) this.loading.delete(entry.arn);
      entry.pagesFetched += load.pagesFetched;
      entry.base = eventsOf(entry);
      entry.baseComplete = true;
      entry.pending = null;
      entry.reloading = false;
      this.cache.setHistory(entry.arn, entry);
      const { report } = this.analyse(entry);
      // Closed for good only when the history says so too (DescribeExecution may be a step ahead of it).
      if (isTerminal(entry.execution.status) && report.status !== "RUNNING" && !this.cache.closed.get(entry.arn)) {
        this.cache.closed.set(entry.arn, { execution: entry.execution, definition: entry.definition, findings: entry.findings, graph: entry.graph, report, fetchedAt: entry.fetchedAt });
        const stored: StoredClosed = { execution: entry.execution, definition: entry.definition, report, fetchedAt: entry.fetchedAt };
        const stopMs = Date.parse(entry.execution.stopDate ?? "") || this.deps.now();
        // Best effort: a failed write costs only a re-read after the next restart.
        void this.deps.closedReports?.put(entry.arn, entry.execution.redriveCount ?? 0, stored, stopMs).catch(() => {});
      }
    });
  }

  private async readDefinition(arn: string, region: string): Promise<Definition> {
    try {
      // The version that ran, not today's definition.
      const described = await this.call("DescribeStateMachineForExecution", region, () => this.deps.describeStateMachineForExecution(arn));
      return { text: described.definition, error: null };
    } catch (error) {
      if (isAwsFailure(error) && (error.kind === "throttled" || error.kind === "unavailable")) throw error;
      return { text: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The report and event rows of what is held, computed once per history length. */
  private analyse(entry: Entry): HistoryAnalysis {
    const events = eventsOf(entry);
    if (entry.analysis && entry.analysis.events === events.length) return entry.analysis.value;
    const options = { region: entry.region, now: this.deps.now(), complete: historyComplete(entry) };
    let value: HistoryAnalysis | null = null;
    if (entry.definition.text) {
      try {
        value = analyseHistory(events, { ...options, definition: entry.definition.text });
      } catch (error) {
        // A definition the analyser can't read must not hide the history: analyse without it.
        if (!(isHistoryError(error) && error.code === "bad-definition")) throw error;
      }
    }
    value ??= analyseHistory(events, options);
    // A running execution's figures run up to now: memoise only closed histories.
    if (isTerminal(value.report.status)) entry.analysis = { events: events.length, value };
    return value;
  }

  private toTriage(entry: Entry): ExecutionTriage {
    const closed = this.cache.closed.get(entry.arn);
    // A closed execution whose history is being read again (or is gone: AWS keeps 90 days) still has its report.
    const analysis = closed && eventsOf(entry).length === 0 ? null : this.analyse(entry);
    const load = entry.pending;
    return assembleTriage({
      execution: entry.execution,
      region: entry.region,
      definition: entry.definition,
      findings: entry.findings,
      graph: entry.graph,
      // A closed execution's report never changes: the one cached, even while its events are read again.
      report: closed?.report ?? analysis!.report,
      rows: analysis?.events ?? [],
      history: {
        complete: historyComplete(entry),
        pagesFetched: entry.pagesFetched + (load?.pagesFetched ?? 0),
        reloading: entry.reloading,
        error: entry.refreshError ?? (load?.error ? { kind: load.error.kind, message: load.error.message, at: new Date(this.deps.now()).toISOString() } : null),
      },
      payloadsHidden: serverConfig().hidePayloads,
      consoleUrl: toConsoleExecutionUrl(entry.arn, entry.region),
      fetchedAt: new Date(closed?.fetchedAt ?? entry.fetchedAt).toISOString(),
    });
  }
}

/** The process-wide triage service (built by the composition root, lib/server/services.ts). */
export function triageService(): TriageService {
  return services().triage;
}
