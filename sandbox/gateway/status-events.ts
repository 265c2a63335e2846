import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type MotoClients } from "../aws-clients";
import { decideEventFault, type FaultConfig } from "./faults";

/** The queue EventBridge delivers the sandbox's status-change events to, its DLQ and the rule (as in infra/). */
export const EVENTS_QUEUE_NAME = "sfn-triage-events";
export const EVENTS_DLQ_NAME = "sfn-triage-events-dlq";
export const EVENTS_RULE_NAME = "sfn-triage-execution-status";
/** Receives before a message that is never deleted (malformed) moves to the DLQ. */
export const EVENTS_MAX_RECEIVE_COUNT = 3;
const SOURCE = "aws.states";
const DETAIL_TYPE = "Step Functions Execution Status Change";
// Step Functions leaves input/output out of an event above this (docs/aws-facts-events.md, fact 6: "248KB").
const EVENT_PAYLOAD_BYTES = 248 * 1024;

/** Where the sandbox's events go. */
export interface EventsSetup {
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  ruleArn: string;
}

const arnOf = (name: string) => `arn:aws:sqs:${SANDBOX_REGION}:${SANDBOX_ACCOUNT_ID}:${name}`;

/**
 * Creates, in moto, what infra/events.json creates in AWS: the DLQ, the queue with its redrive policy and its
 * policy letting the rule send, and the rule on the default bus targeting the queue. `queueHost` is the
 * endpoint the dashboard reaches SQS at (the gateway), so the queue URL it is given points there.
 */
export async function setupEvents(clients: Pick<MotoClients, "sqs" | "events">, queueHost: string): Promise<EventsSetup> {
  await clients.sqs.send(new CreateQueueCommand({ QueueName: EVENTS_DLQ_NAME, Attributes: { MessageRetentionPeriod: String(14 * 86_400) } }));
  const queue = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: EVENTS_QUEUE_NAME,
      Attributes: {
        VisibilityTimeout: "60",
        MessageRetentionPeriod: String(4 * 86_400),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(EVENTS_DLQ_NAME), maxReceiveCount: EVENTS_MAX_RECEIVE_COUNT }),
      },
    }),
  );
  const rule = await clients.events.send(
    new PutRuleCommand({ Name: EVENTS_RULE_NAME, EventBusName: "default", State: "ENABLED", EventPattern: JSON.stringify({ source: [SOURCE], "detail-type": [DETAIL_TYPE] }) }),
  );
  const ruleArn = rule.RuleArn ?? `arn:aws:events:${SANDBOX_REGION}:${SANDBOX_ACCOUNT_ID}:rule/${EVENTS_RULE_NAME}`;
  await clients.sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queue.QueueUrl,
      Attributes: {
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: arnOf(EVENTS_QUEUE_NAME), Condition: { ArnEquals: { "aws:SourceArn": ruleArn } } }],
        }),
      },
    }),
  );
  await clients.events.send(new PutTargetsCommand({ Rule: EVENTS_RULE_NAME, EventBusName: "default", Targets: [{ Id: "sfn-triage-events", Arn: arnOf(EVENTS_QUEUE_NAME) }] }));
  // Checked, not assumed: a moto that ignored the redrive policy would keep malformed messages forever.
  const attributes = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["RedrivePolicy"] }));
  if (!attributes.Attributes?.RedrivePolicy) throw new Error("sandbox events: moto did not keep the queue's redrive policy");
  const host = queueHost.replace(/\/+$/, "");
  return { queueUrl: `${host}/${SANDBOX_ACCOUNT_ID}/${EVENTS_QUEUE_NAME}`, queueArn: arnOf(EVENTS_QUEUE_NAME), dlqUrl: `${host}/${SANDBOX_ACCOUNT_ID}/${EVENTS_DLQ_NAME}`, ruleArn };
}

function utf8(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(JSON.stringify(text), "utf8");
}

/**
 * Publishes "Step Functions Execution Status Change" events through moto's EventBridge (PutEvents to the default
 * bus), which moto never emits itself: the detail is DescribeExecution's, as AWS's is, with epoch-ms dates and
 * input/output left out above 248 KB as AWS does. Faults (drop, duplicate, delay) follow the gateway's config.
 */
export class StatusEventPublisher {
  /** Events put on the bus (copies included), dropped by a fault, and PutEvents failures. */
  readonly counts = { published: 0, dropped: 0, failed: 0 };
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = false;
  // One publish at a time, in the order the changes were seen: without faults, RUNNING goes out before its close.
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly clients: Pick<MotoClients, "sfn" | "events">,
    private readonly faults: () => FaultConfig,
    private readonly log: (line: string) => void,
  ) {}

  /** The execution changed to `status` (RUNNING when first seen, then its close at `stopMs`): describe it and publish, in order. */
  statusChanged(executionArn: string, status: string, stopMs?: number): Promise<void> {
    const next = this.chain.then(() => this.publish(executionArn, status, stopMs));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async publish(executionArn: string, status: string, stopMs: number | undefined): Promise<void> {
    if (this.stopped) return;
    const decision = decideEventFault(this.faults(), status);
    if (decision.copies === 0) {
      this.counts.dropped += 1;
      return;
    }
    let entry: Awaited<ReturnType<StatusEventPublisher["entry"]>>;
    try {
      entry = await this.entry(executionArn, status, stopMs);
    } catch (err) {
      this.counts.failed += 1;
      this.log(`events: describing ${executionArn} failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const send = async () => {
      try {
        for (let i = 0; i < decision.copies; i++) {
          const out = await this.clients.events.send(new PutEventsCommand({ Entries: [entry] }));
          if ((out.FailedEntryCount ?? 0) > 0) throw new Error(out.Entries?.[0]?.ErrorMessage ?? "PutEvents failed");
          this.counts.published += 1;
        }
      } catch (err) {
        this.counts.failed += 1;
        this.log(`events: PutEvents failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    if (decision.delayMs === 0) return send();
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (!this.stopped) void send();
    }, decision.delayMs);
    timer.unref();
    this.pending.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }

  private async entry(executionArn: string, status: string, stopMs: number | undefined) {
    const d = await this.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    // The status this event announces: a RUNNING event for an execution that already closed still says RUNNING.
    const closed = status !== "RUNNING";
    const outputTooBig = utf8(d.output) > EVENT_PAYLOAD_BYTES;
    const inputTooBig = utf8(d.input) + (outputTooBig ? 0 : utf8(d.output)) > EVENT_PAYLOAD_BYTES;
    const detail = {
      executionArn,
      stateMachineArn: d.stateMachineArn,
      name: d.name,
      status,
      startDate: d.startDate?.getTime() ?? null,
      // moto leaves stopDate out for TIMED_OUT: the metrics publisher passes the closing event's time.
      stopDate: closed ? (d.stopDate?.getTime() ?? stopMs ?? Date.now()) : null,
      input: inputTooBig ? null : (d.input ?? null),
      inputDetails: { included: !inputTooBig },
      output: closed && d.output && !outputTooBig ? d.output : null,
      outputDetails: closed && d.output ? { included: !outputTooBig } : null,
      stateMachineVersionArn: d.stateMachineVersionArn,
      stateMachineAliasArn: d.stateMachineAliasArn,
      redriveCount: d.redriveCount ?? 0,
      error: closed ? (d.error ?? null) : null,
      cause: closed ? (d.cause ?? null) : null,
    };
    return { Source: SOURCE, DetailType: DETAIL_TYPE, Detail: JSON.stringify(detail), Resources: [executionArn], EventBusName: "default" };
  }
}
