import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { MotoClients } from "../aws-clients";
import { CALLBACK_QUEUE_URL, type WorkerBehavior } from "../seed/common";

/** What a callback task puts on the queue (see seed/common.ts callbackMessage). */
interface CallbackMessage {
  taskToken: string;
  task: string;
  attempt?: number;
  executionArn?: string;
  input?: { simulate?: Record<string, string> };
}

/** Errors a failing worker reports, per task: the names on-call engineers would see. */
const FAILURES: Record<string, { error: string; cause: string }> = {
  AuthorizePayment: { error: "Payment.Declined", cause: "The card issuer declined the charge: insufficient funds (code 51)." },
  Transform: { error: "Transform.ParseError", cause: "Row 1,204: unterminated quoted field." },
};
const BEHAVIORS = new Set<WorkerBehavior>(["succeed", "fail", "flaky", "stall", "heartbeat", "miss-heartbeat", "oversized"]);
/**
 * How long a worker takes to answer, fixed: no randomness, and more than 10× below every TimeoutSeconds and
 * HeartbeatSeconds meant not to fire (seed/index.test.ts holds the seeds to that), so an "ok" execution
 * succeeds on a loaded machine and only a "stall" times out.
 */
export const WORKER_ANSWER_MS = 200;
/** Bytes of the result an "oversized" worker returns: over the 262,144-byte cap. */
export const OVERSIZED_RESULT_BYTES = 300_000;

/**
 * Consumers of the callback queue: each message is one `.waitForTaskToken` task, answered the way the
 * execution input's `simulate[task]` says — succeed, fail, fail once then succeed, stall past TimeoutSeconds,
 * heart-beat then succeed, miss the heartbeat, or return a result over 256 KiB.
 */
export class CallbackWorkers {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Tasks handled, by behaviour. */
  readonly handled = new Map<string, number>();

  constructor(
    private readonly clients: Pick<MotoClients, "sfn" | "sqs">,
    private readonly log: (line: string) => void,
  ) {}

  /** Begin long-polling the queue. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.poll();
  }

  /** Stop polling and drop every pending answer (stalled tasks stay stalled, as they would). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.loop;
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      try {
        const got = await this.clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: CALLBACK_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }),
          { abortSignal: this.abort.signal },
        );
        const messages = got.Messages ?? [];
        if (messages.length === 0) continue;
        await this.clients.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: CALLBACK_QUEUE_URL,
            Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })),
          }),
        );
        for (const m of messages) this.handle(m.Body ?? "");
      } catch (err) {
        if (this.stopped) return;
        this.log(`workers: queue poll failed: ${err instanceof Error ? err.message : String(err)}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  private handle(body: string): void {
    let msg: CallbackMessage;
    try {
      msg = JSON.parse(body) as CallbackMessage;
    } catch {
      this.log(`workers: unreadable message ${body.slice(0, 80)}`);
      return;
    }
    const wanted = msg.input?.simulate?.[msg.task] as WorkerBehavior | undefined;
    const behavior: WorkerBehavior = wanted && BEHAVIORS.has(wanted) ? wanted : "succeed";
    this.handled.set(behavior, (this.handled.get(behavior) ?? 0) + 1);
    const token = msg.taskToken;
    const work = WORKER_ANSWER_MS;
    switch (behavior) {
      case "succeed":
        return this.later(() => this.succeed(token, { task: msg.task, ok: true }), work);
      case "fail": {
        const f = FAILURES[msg.task] ?? { error: `${msg.task}.Failed`, cause: `The ${msg.task} worker gave up.` };
        return this.later(() => this.fail(token, f.error, f.cause), work);
      }
      case "flaky":
        if ((msg.attempt ?? 0) === 0) return this.later(() => this.fail(token, "Payment.GatewayTimeout", "The payment gateway did not answer within 3 s."), work);
        return this.later(() => this.succeed(token, { task: msg.task, ok: true, attempt: msg.attempt }), work);
      case "stall":
        return; // never answers: the task's TimeoutSeconds (or the execution's) ends it
      case "heartbeat":
        // Heartbeats WORKER_ANSWER_MS apart, then the result: the gaps stay far below HeartbeatSeconds.
        for (const i of [0, 1, 2]) this.later(() => this.heartbeat(token), i * work);
        return this.later(() => this.succeed(token, { task: msg.task, ok: true }), 3 * work);
      case "miss-heartbeat":
        return this.later(() => this.heartbeat(token), 0); // …and then nothing: the worker "crashed"
      case "oversized":
        return this.later(() => this.succeed(token, { task: msg.task, rows: "r".repeat(OVERSIZED_RESULT_BYTES) }), work);
    }
  }

  private later(fn: () => unknown, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) void fn();
    }, ms);
    this.timers.add(t);
  }

  private async succeed(taskToken: string, output: unknown): Promise<void> {
    await this.answer(() => this.clients.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  private async fail(taskToken: string, error: string, cause: string): Promise<void> {
    await this.answer(() => this.clients.sfn.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  private async heartbeat(taskToken: string): Promise<void> {
    await this.answer(() => this.clients.sfn.send(new SendTaskHeartbeatCommand({ taskToken })));
  }

  private async answer(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      // TaskTimedOut / InvalidToken: the task already ended (timed out, or its Parallel was aborted). Expected.
      const name = (err as { name?: string }).name ?? "";
      if (name !== "TaskTimedOut" && name !== "InvalidToken" && name !== "TaskDoesNotExist" && !this.stopped) {
        this.log(`workers: answer failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
