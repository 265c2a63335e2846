import "server-only";
import type * as aws from "@/lib/aws";
import { failedAttempts, parseStatusChangeMessage, type ExecutionStatusChange } from "@/lib/analysis/events";
import { redactCause } from "@/lib/analysis/payload-redaction";
import type { IndexedStatus } from "@/lib/domain/failures";
import type { QueueMessage } from "@/lib/aws/sqs";
import type { Budget } from "./budget";
import { readFailureDetails } from "./failure-ingest";
import type { FailureStore } from "./store/failure-store";
import { keyOf, type FailureDetails, type FailureKey, type ListedFailure } from "./store/rows";

/** Event ingest's settings from the environment (null when SFN_TRIAGE_EVENTS_QUEUE_URL is not set: events are off). */
export interface EventsConfig {
  queueUrl: string;
  region: string;
  /** ReceiveMessage long-poll wait, seconds (1–20). */
  waitSeconds: number;
  /** How long a received message stays hidden from the other replicas while this one writes it, seconds. */
  visibilitySeconds: number;
  /** After a failed index write, the message comes back this soon (ChangeMessageVisibility), seconds. */
  retrySeconds: number;
  /** GetExecutionHistory tokens left for the triage pages: failure details are read from events only beyond them. */
  historyReserve: number;
}

function int(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** The region of a queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/name (null for other hosts). */
export function regionOfQueueUrl(queueUrl: string): string | null {
  try {
    return /^sqs[.-]([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(new URL(queueUrl).hostname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Reads SFN_TRIAGE_EVENTS_QUEUE_URL, SFN_TRIAGE_EVENTS_REGION, SFN_TRIAGE_EVENTS_WAIT_S, _VISIBILITY_S, _RETRY_S. */
export function eventsConfigFromEnv(env: Record<string, string | undefined> = process.env, fallbackRegion = "us-east-1"): EventsConfig | null {
  const queueUrl = env.SFN_TRIAGE_EVENTS_QUEUE_URL?.trim();
  if (!queueUrl) return null;
  return {
    queueUrl,
    region: env.SFN_TRIAGE_EVENTS_REGION?.trim() || regionOfQueueUrl(queueUrl) || env.AWS_REGION?.trim() || fallbackRegion,
    waitSeconds: int(env.SFN_TRIAGE_EVENTS_WAIT_S, 20, 1, 20),
    visibilitySeconds: int(env.SFN_TRIAGE_EVENTS_VISIBILITY_S, 60, 1, 43_200),
    retrySeconds: int(env.SFN_TRIAGE_EVENTS_RETRY_S, 5, 0, 43_200),
    historyReserve: int(env.SFN_TRIAGE_HISTORY_RESERVE, 20, 0, 10_000),
  };
}

/** What the consumer calls; production binds lib/aws/sqs to the queue and passes the poller's port and the shared index. */
export interface EventIngestDeps {
  receive: (opts: { waitSeconds: number; maxMessages: number; visibilitySeconds: number; signal?: AbortSignal }) => Promise<QueueMessage[]>;
  deleteMessages: (receiptHandles: readonly string[]) => Promise<string[]>;
  changeVisibility: (receiptHandle: string, seconds: number) => Promise<void>;
  store: FailureStore | Promise<FailureStore>;
  /** The poller's face of the AWS port: charged to the budget, payloads redacted when hidden. */
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  /** What is left of the budget (the port charges; this only reads). */
  budget: Pick<Budget, "available">;
  /** The definition the poller last described, or null (then the poller reads the details itself). */
  definitionOf: (stateMachineArn: string) => string | null;
  /** Whether this dashboard watches the execution (its region): others are dropped, never put in the index. */
  watches: (change: ExecutionStatusChange) => boolean;
  hidePayloads: () => boolean;
  /** Called after failures were written (the poller re-reads what its snapshot shows of the index). */
  onIndexed?: () => void | Promise<void>;
  now: () => number;
  log: (line: string) => void;
}

/** What one receive did, by message (tests and /api/health read the running totals). */
export interface EventIngestCounts {
  received: number;
  /** Failures newly put in the index. */
  indexed: number;
  /** Valid messages that changed nothing: duplicates, RUNNING and SUCCEEDED changes, failures already indexed. */
  unchanged: number;
  /** Executions of regions not watched: deleted, not indexed. */
  ignored: number;
  /** Not a status change: logged, left in the queue (its redrive policy moves it to the DLQ). */
  malformed: number;
  /** Messages whose index write failed: made visible again after retrySeconds. */
  retried: number;
  /** Failures whose details were read at once (the others wait for the poller). */
  detailed: number;
}

const zero = (): EventIngestCounts => ({ received: 0, indexed: 0, unchanged: 0, ignored: 0, malformed: 0, retried: 0, detailed: 0 });
const MAX_BACKOFF_MS = 30_000;

function toListed(c: ExecutionStatusChange, hide: boolean): ListedFailure {
  return {
    executionArn: c.executionArn,
    redriveCount: c.redriveCount,
    stateMachineArn: c.stateMachineArn,
    versionArn: c.versionArn,
    aliasArn: c.aliasArn,
    name: c.name,
    status: c.status as IndexedStatus,
    startMs: c.startMs,
    stopMs: c.stopMs ?? c.startMs,
    error: c.error,
    // A cause may quote the payload that failed: with payloads hidden it is redacted before it is stored.
    cause: c.cause === null ? null : hide ? redactCause(c.cause) : c.cause,
  };
}

/**
 * Consumes the SQS queue fed by the EventBridge rule on Step Functions status changes: receive → parse → merge
 * → write into the failure index → delete. Every replica may run one: a message is hidden from the others while
 * it is written (visibility timeout) and deleted only after the write, so a crash in between delivers it again,
 * and the write is idempotent. A message that is not a status change is logged (never its text) and left to the
 * queue's redrive policy, which moves it to the DLQ; the loop goes on. Polling stays the reconciler of anything lost.
 */
export class EventIngest {
  private running = false;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private readonly totals = zero();
  private readonly ignoredRegions = new Set<string>();

  constructor(
    private readonly deps: EventIngestDeps,
    private readonly config: () => EventsConfig,
  ) {}

  /** Running totals since start. */
  counts(): EventIngestCounts {
    return { ...this.totals };
  }

  /** Starts the loop (once); returns at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the loop (an in-flight long poll is aborted); resolves when it has stopped. */
  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    await this.loop?.catch(() => undefined);
    this.loop = null;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let lastLogMs = -Infinity;
    while (this.running) {
      try {
        await this.receiveOnce();
        failures = 0;
      } catch (error) {
        if (!this.running) return;
        failures += 1;
        // One line per 30 s at most: a missing queue or denied role must not flood the log.
        if (this.deps.now() - lastLogMs > 30_000) {
          lastLogMs = this.deps.now();
          this.deps.log(`events: receiving from the queue failed (${error instanceof Error ? error.message : String(error)}); retrying`);
        }
        await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 6))).unref?.());
      }
    }
  }

  /** One long poll and everything it received; throws only when the receive itself failed. */
  async receiveOnce(): Promise<EventIngestCounts> {
    const { waitSeconds, visibilitySeconds } = this.config();
    this.abort = new AbortController();
    const messages = await this.deps.receive({ waitSeconds, maxMessages: 10, visibilitySeconds, signal: this.abort.signal });
    return this.ingest(messages);
  }

  /** Ingests received messages (exposed for tests). */
  async ingest(messages: readonly QueueMessage[]): Promise<EventIngestCounts> {
    const counts = zero();
    counts.received = messages.length;
    const valid: { message: QueueMessage; change: ExecutionStatusChange }[] = [];
    for (const message of messages) {
      const parsed = parseStatusChangeMessage(message.body);
      if (!parsed.ok) {
        counts.malformed += 1;
        this.deps.log(`events: message ${message.messageId} is not a Step Functions status change (${parsed.reason}); left for the dead-letter queue (receive #${message.receiveCount})`);
        continue;
      }
      valid.push({ message, change: parsed.change });
    }
    const watched = valid.filter((v) => this.deps.watches(v.change));
    for (const v of valid) {
      if (watched.includes(v)) continue;
      counts.ignored += 1;
      if (!this.ignoredRegions.has(v.change.region)) {
        this.ignoredRegions.add(v.change.region);
        this.deps.log(`events: executions in ${v.change.region} (account ${v.change.account}) are not watched here; their events are dropped`);
      }
    }

    const attempts = failedAttempts(watched.map((v) => v.change));
    let fresh: ListedFailure[] = [];
    if (attempts.length > 0) {
      const hide = this.deps.hidePayloads();
      const rows = attempts.map((c) => toListed(c, hide));
      try {
        const store = await this.deps.store;
        const known = await store.knownKeys(rows);
        fresh = rows.filter((r) => !known.has(keyOf(r)));
        await store.recordListed(fresh, this.deps.now());
      } catch (error) {
        // Nothing is deleted: every message of the batch comes back soon, to be written again (idempotently).
        this.deps.log(`events: writing ${rows.length} failure(s) to the index failed (${error instanceof Error ? error.message : String(error)}); retrying in ${this.config().retrySeconds} s`);
        counts.retried = valid.length;
        await Promise.all(valid.map((v) => this.deps.changeVisibility(v.message.receiptHandle, this.config().retrySeconds).catch(() => undefined)));
        this.add(counts);
        return counts;
      }
    }
    counts.indexed = fresh.length;
    counts.unchanged = watched.length - fresh.length;

    // Deleted only now that the index holds them; a delete that fails is harmless (the next delivery changes nothing).
    const handles = valid.map((v) => v.message.receiptHandle);
    if (handles.length > 0) {
      const notDeleted = await this.deps.deleteMessages(handles).catch((error: unknown) => {
        this.deps.log(`events: deleting ${handles.length} message(s) failed (${error instanceof Error ? error.message : String(error)}); they will be delivered again and change nothing`);
        return handles;
      });
      if (notDeleted.length > 0 && notDeleted !== handles) this.deps.log(`events: SQS did not delete ${notDeleted.length} message(s); they will be delivered again and change nothing`);
    }

    if (fresh.length > 0) {
      counts.detailed = await this.readDetails(fresh);
      await this.deps.onIndexed?.();
    }
    this.add(counts);
    return counts;
  }

  /**
   * Reads the new failures' details now, as the poller would at its next cycle (same read, same budget, same
   * reserve), so the signature is on the fleet page within seconds. A failure whose definition isn't known yet,
   * or that the budget can't afford now, stays pending: the poller reads it.
   */
  private async readDetails(fresh: readonly ListedFailure[]): Promise<number> {
    const { historyReserve } = this.config();
    const batch: { key: FailureKey; details: FailureDetails }[] = [];
    for (const failure of fresh) {
      const [, , , region = "", account = null] = failure.executionArn.split(":");
      if (this.deps.definitionOf(failure.stateMachineArn) === null) continue;
      // The bucket the port charges: quotas are per account and region.
      if (this.deps.budget.available("GetExecutionHistory", region, account) < 1 + historyReserve) break;
      try {
        batch.push({ key: failure, details: await readFailureDetails({ ...this.deps, definitionOf: this.deps.definitionOf }, failure) });
      } catch (error) {
        this.deps.log(`events: reading the history of ${failure.executionArn} failed (${error instanceof Error ? error.message : String(error)}); the poller will`);
      }
    }
    if (batch.length === 0) return 0;
    try {
      await (await this.deps.store).recordDetailsMany(batch);
      return batch.length;
    } catch (error) {
      this.deps.log(`events: writing ${batch.length} failure detail(s) failed (${error instanceof Error ? error.message : String(error)}); the poller will read them`);
      return 0;
    }
  }

  private add(counts: EventIngestCounts): void {
    for (const key of Object.keys(counts) as (keyof EventIngestCounts)[]) this.totals[key] += counts[key];
  }
}
