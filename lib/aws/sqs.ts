import "server-only";
import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { configuredMaxAttempts, configuredTimeouts } from "./clients";
import { withAwsErrors } from "./errors";

/** One message received from the events queue (its body is the EventBridge event as JSON text). */
export interface QueueMessage {
  messageId: string;
  /** Needed to delete the message or change its visibility; valid for this receive only. */
  receiptHandle: string;
  body: string;
  /** How many times SQS has handed this message out (1 on first delivery); past the redrive policy's maxReceiveCount it moves to the DLQ. */
  receiveCount: number;
}

// SQS long polling waits up to 20 s (the API's maximum); ReceiveMessage returns at most 10 messages.
/** Longest wait a ReceiveMessage long poll may ask for, in seconds (the API's bound). */
export const MAX_WAIT_SECONDS = 20;
/** Most messages one ReceiveMessage returns (the API's bound). */
export const MAX_MESSAGES_PER_RECEIVE = 10;
// DeleteMessageBatch takes at most 10 entries.
const DELETE_BATCH = 10;

const sqsClients = new Map<string, SQSClient>();

/** The SQS client for a region, created once; its request deadline outlasts a long poll (unlike the Step Functions clients'). */
export function getSqsClient(region: string): SQSClient {
  let client = sqsClients.get(region);
  if (!client) {
    const { connectionTimeout, requestTimeout } = configuredTimeouts();
    client = new SQSClient({
      region,
      maxAttempts: configuredMaxAttempts(),
      requestHandler: { connectionTimeout, requestTimeout: requestTimeout + MAX_WAIT_SECONDS * 1000, throwOnRequestTimeout: true },
    });
    sqsClients.set(region, client);
  }
  return client;
}

/** Drops the cached SQS clients (tests, or after the environment changed). */
export function resetSqsClients(): void {
  for (const client of sqsClients.values()) client.destroy();
  sqsClients.clear();
}

/** One ReceiveMessage long poll: waits up to `waitSeconds` for up to `maxMessages`, hidden from other consumers for `visibilitySeconds`. */
export function receiveMessages(
  queueUrl: string,
  region: string,
  opts: { waitSeconds: number; maxMessages: number; visibilitySeconds: number; signal?: AbortSignal },
): Promise<QueueMessage[]> {
  return withAwsErrors("ReceiveMessage", async () => {
    const out = await getSqsClient(region).send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        WaitTimeSeconds: Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.floor(opts.waitSeconds))),
        MaxNumberOfMessages: Math.min(MAX_MESSAGES_PER_RECEIVE, Math.max(1, Math.floor(opts.maxMessages))),
        VisibilityTimeout: Math.max(0, Math.floor(opts.visibilitySeconds)),
        MessageSystemAttributeNames: ["ApproximateReceiveCount"],
      }),
      { abortSignal: opts.signal },
    );
    const messages: QueueMessage[] = [];
    for (const m of out.Messages ?? []) {
      if (!m.MessageId || !m.ReceiptHandle) continue;
      messages.push({ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body ?? "", receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) || 1 });
    }
    return messages;
  });
}

/** Deletes messages (DeleteMessageBatch, 10 a call); returns the receipt handles SQS did not delete. */
export function deleteMessages(queueUrl: string, region: string, receiptHandles: readonly string[]): Promise<string[]> {
  return withAwsErrors("DeleteMessageBatch", async () => {
    const failed: string[] = [];
    for (let i = 0; i < receiptHandles.length; i += DELETE_BATCH) {
      const chunk = receiptHandles.slice(i, i + DELETE_BATCH);
      const out = await getSqsClient(region).send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((handle, n) => ({ Id: String(n), ReceiptHandle: handle })) }));
      for (const f of out.Failed ?? []) {
        const handle = chunk[Number(f.Id)];
        if (handle !== undefined) failed.push(handle);
      }
    }
    return failed;
  });
}

/** Makes a received message visible again after `seconds` (0: at once), e.g. to retry it soon after a failed write. */
export function changeMessageVisibility(queueUrl: string, region: string, receiptHandle: string, seconds: number): Promise<void> {
  return withAwsErrors("ChangeMessageVisibility", async () => {
    await getSqsClient(region).send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: Math.max(0, Math.floor(seconds)) }));
  });
}
