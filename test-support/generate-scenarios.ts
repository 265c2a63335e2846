import { HistoryBuilder } from "./make-event";
import type { GeneratedHistory } from "./generate-history";

const CALLBACK = { resource: "sendMessage.waitForTaskToken", resourceType: "sqs" };

/**
 * A Standard execution whose state machine TimeoutSeconds (60) runs out while a callback Task waits for
 * its token (no HeartbeatSeconds): AWS ends it with ExecutionTimedOut and the status TIMED_OUT.
 */
export function generateExecutionTimeoutHistory(): GeneratedHistory {
  const h = new HistoryBuilder("2024-03-01T10:00:00.000Z", 50);
  const input = JSON.stringify({ orderId: "o-1", queueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/work" });
  h.add("ExecutionStarted", 0, { input, inputDetails: { truncated: false }, roleArn: "arn:aws:iam::111111111111:role/sfn" });
  const validateIn = h.add("PassStateEntered", 0, { name: "Validate", input, inputDetails: { truncated: false } });
  const validateOut = h.add("PassStateExited", validateIn, { name: "Validate", output: input, outputDetails: { truncated: false } });
  const entered = h.add("TaskStateEntered", validateOut, { name: "WaitForApproval", input, inputDetails: { truncated: false } });
  const parameters = JSON.stringify({ QueueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/work", MessageBody: { token: "t" } });
  const scheduled = h.add("TaskScheduled", entered, { ...CALLBACK, region: "us-east-1", parameters });
  const startedTask = h.add("TaskStarted", scheduled, { ...CALLBACK });
  const submitted = h.add("TaskSubmitted", startedTask, { ...CALLBACK, output: JSON.stringify({ MessageId: "m-1" }), outputDetails: { truncated: false } });
  h.advance(60_000);
  h.add("ExecutionTimedOut", submitted, { error: "States.Timeout", cause: "The execution timed out." });
  const definition = JSON.stringify({
    StartAt: "Validate",
    TimeoutSeconds: 60,
    States: {
      Validate: { Type: "Pass", Next: "WaitForApproval" },
      WaitForApproval: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/work", MessageBody: { "token.$": "$$.Task.Token" } },
        End: true,
      },
    },
  });
  return { events: h.events, definition };
}

/**
 * A redriven execution: attempt 0 retries Charge once and fails (ExecutionFailed); ExecutionRedriven
 * starts attempt 1 at the failed state (retry counters reset), which succeeds.
 */
export function generateRedriveHistory(): GeneratedHistory {
  const h = new HistoryBuilder("2024-03-02T08:00:00.000Z", 100);
  const input = JSON.stringify({ orderId: "o-2", amount: 42 });
  const lambda = { resource: "invoke", resourceType: "lambda" };
  const failure = { ...lambda, error: "Payments.Unavailable", cause: "The payment service did not answer." };
  h.add("ExecutionStarted", 0, { input, inputDetails: { truncated: false }, roleArn: "arn:aws:iam::111111111111:role/sfn" });
  const prepIn = h.add("PassStateEntered", 0, { name: "Prepare", input, inputDetails: { truncated: false } });
  const prepOut = h.add("PassStateExited", prepIn, { name: "Prepare", output: input, outputDetails: { truncated: false } });
  const charge = (previous: number, attempts: number, succeed: boolean): number => {
    let last = h.add("TaskStateEntered", previous, { name: "Charge", input, inputDetails: { truncated: false } });
    for (let attempt = 1; attempt <= attempts; attempt++) {
      last = h.add("TaskScheduled", last, { ...lambda, region: "us-east-1", parameters: input });
      last = h.add("TaskStarted", last, { ...lambda });
      if (succeed && attempt === attempts) {
        const output = JSON.stringify({ charged: 42 });
        last = h.add("TaskSucceeded", last, { ...lambda, output, outputDetails: { truncated: false } });
        return h.add("TaskStateExited", last, { name: "Charge", output, outputDetails: { truncated: false } });
      }
      last = h.add("TaskFailed", last, failure);
    }
    return last;
  };
  const failed = charge(prepOut, 2, false);
  h.add("ExecutionFailed", failed, { error: failure.error, cause: failure.cause });
  h.advance(3_600_000);
  const redriven = h.add("ExecutionRedriven", 0, { redriveCount: 1 });
  const charged = charge(redriven, 1, true);
  const doneIn = h.add("PassStateEntered", charged, { name: "Done", input: JSON.stringify({ charged: 42 }), inputDetails: { truncated: false } });
  const doneOut = h.add("PassStateExited", doneIn, { name: "Done", output: JSON.stringify({ charged: 42 }), outputDetails: { truncated: false } });
  h.add("ExecutionSucceeded", doneOut, { output: JSON.stringify({ charged: 42 }), outputDetails: { truncated: false } });
  const definition = JSON.stringify({
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Next: "Charge" },
      Charge: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Retry: [{ ErrorEquals: ["Payments.Unavailable"], MaxAttempts: 1 }],
        Next: "Done",
      },
      Done: { Type: "Pass", End: true },
    },
  });
  return { events: h.events, definition };
}
