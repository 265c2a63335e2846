import { callbackParameters, lambdaArn, type Workflow } from "./common";

/**
 * The file pipeline from the field: validate → transform → archive → notify. Transform is a callback with a
 * 10 s TimeoutSeconds (a stalled worker → States.Timeout); Archive has no TimeoutSeconds, so a stalled archiver is
 * only caught by the 45 s execution timeout (TIMED_OUT). A worker answers in 0.2 s: every timeout that must not fire
 * is more than 10× what the run needs, so "ok" succeeds on a loaded machine too. Both outcomes are alarmed.
 */
export const filePipeline: Workflow = {
  name: "file-pipeline",
  description: "Validate → Transform (callback, 10 s timeout) → Archive (callback, no timeout) → Notify; 45 s execution timeout.",
  definition: {
    Comment: "Ingest one uploaded file. Transform runs on a worker fleet that answers over SQS.",
    TimeoutSeconds: 45,
    StartAt: "Validate",
    States: {
      Validate: {
        Type: "Pass",
        Parameters: { "fileId.$": "$.fileId", "format.$": "$.file.format", "sizeBytes.$": "$.file.sizeBytes", validated: true },
        ResultPath: "$.validation",
        Next: "CheckFormat",
      },
      CheckFormat: {
        Type: "Choice",
        Choices: [
          { Variable: "$.validation.format", StringEquals: "csv", Next: "Transform" },
          { Variable: "$.validation.format", StringEquals: "json", Next: "Transform" },
        ],
        Default: "Rejected",
      },
      Rejected: { Type: "Fail", Error: "Validation.UnsupportedFormat", Cause: "Only csv and json files are accepted." },
      Transform: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: callbackParameters("Transform"),
        TimeoutSeconds: 10,
        ResultPath: "$.transform",
        Next: "Archive",
      },
      Archive: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: callbackParameters("Archive"),
        ResultPath: "$.archive",
        Next: "Notify",
      },
      Notify: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("notify-file-archived"), Payload: { "fileId.$": "$.fileId", status: "archived" } },
        ResultSelector: { "statusCode.$": "$.StatusCode" },
        ResultPath: "$.notify",
        TimeoutSeconds: 20,
        End: true,
      },
    },
  },
  scenarios: [
    {
      name: "ok",
      weight: 6,
      input: (n) => ({ fileId: `upload-${n}`, file: { format: n % 2 ? "csv" : "json", sizeBytes: 10_000 + n }, simulate: {} }),
      expect: { status: "SUCCEEDED", closesAfterS: 2, note: "a normal run" },
    },
    {
      name: "transform-stall",
      weight: 2,
      input: (n) => ({ fileId: `upload-${n}`, file: { format: "csv", sizeBytes: 52_000_000 }, simulate: { Transform: "stall" } }),
      expect: { status: "FAILED", error: "States.Timeout", closesAfterS: 10, note: "Transform's worker never answers: TaskTimedOut after TimeoutSeconds 10" },
    },
    {
      name: "archive-stall",
      weight: 1,
      input: (n) => ({ fileId: `upload-${n}`, file: { format: "json", sizeBytes: 2_000 }, simulate: { Archive: "stall" } }),
      expect: { status: "TIMED_OUT", closesAfterS: 45, note: "Archive has no TimeoutSeconds; only the execution's 45 s timeout ends it (alarmed)" },
    },
    {
      name: "transform-oversized",
      weight: 1,
      input: (n) => ({ fileId: `upload-${n}`, file: { format: "json", sizeBytes: 300_000 }, simulate: { Transform: "oversized" } }),
      expect: { status: "FAILED", error: "States.DataLimitExceeded", closesAfterS: 1, note: "the worker returns the transformed file itself (> 256 KiB) instead of a pointer" },
    },
    {
      name: "bad-format",
      weight: 1,
      input: (n) => ({ fileId: `upload-${n}`, file: { format: "xml", sizeBytes: 900 }, simulate: {} }),
      expect: { status: "FAILED", error: "Validation.UnsupportedFormat", closesAfterS: 1, note: "a Fail state after a Choice" },
    },
  ],
  alarms: [
    { name: "file-pipeline-timed-out", metricName: "ExecutionsTimedOut", threshold: 1, periodS: 60 },
    { name: "file-pipeline-failed", metricName: "ExecutionsFailed", threshold: 1, periodS: 60 },
  ],
};
