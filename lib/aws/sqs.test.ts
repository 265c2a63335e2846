import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { changeMessageVisibility, deleteMessages, receiveMessages, resetSqsClients } from "./sqs";

const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/sfn-triage-events";
const sqs = mockClient(SQSClient);

afterEach(() => {
  sqs.reset();
  resetSqsClients();
});

describe("lib/aws/sqs", () => {
  it("long-polls within the API's bounds and reads the receive count", async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [{ MessageId: "m1", ReceiptHandle: "r1", Body: "{}", Attributes: { ApproximateReceiveCount: "3" } }, { MessageId: "m2" }] });
    const messages = await receiveMessages(QUEUE, "us-east-1", { waitSeconds: 60, maxMessages: 50, visibilitySeconds: 30 });
    expect(messages).toEqual([{ messageId: "m1", receiptHandle: "r1", body: "{}", receiveCount: 3 }]);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input).toMatchObject({ QueueUrl: QUEUE, WaitTimeSeconds: 20, MaxNumberOfMessages: 10, VisibilityTimeout: 30 });
  });

  it("deletes ten a call and returns the handles SQS failed to delete", async () => {
    sqs.on(DeleteMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: [], Failed: input.Entries.length === 10 ? [{ Id: "4", Code: "ReceiptHandleIsInvalid", SenderFault: true }] : [] }));
    const handles = Array.from({ length: 12 }, (_, i) => `h${i}`);
    expect(await deleteMessages(QUEUE, "us-east-1", handles)).toEqual(["h4"]);
    expect(sqs.commandCalls(DeleteMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 2]);
  });

  it("changes a message's visibility and wraps SDK errors as AwsError", async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolvesOnce({}).rejects(Object.assign(new Error("denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    await changeMessageVisibility(QUEUE, "us-east-1", "r1", 5.7);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]!.args[0].input).toMatchObject({ ReceiptHandle: "r1", VisibilityTimeout: 5 });
    await expect(changeMessageVisibility(QUEUE, "us-east-1", "r1", 0)).rejects.toMatchObject({ kind: "access-denied", operation: "ChangeMessageVisibility" });
  });
});
