import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION } from "../aws-clients";

/** The SQS queue every callback (.waitForTaskToken) task sends its token to; the workers consume it. */
export const CALLBACK_QUEUE_NAME = "sfn-triage-sandbox-callbacks";
/** AWS-shaped URL of the callback queue: moto resolves the queue by its name, whatever the host. */
export const CALLBACK_QUEUE_URL = `https://sqs.${SANDBOX_REGION}.amazonaws.com/${SANDBOX_ACCOUNT_ID}/${CALLBACK_QUEUE_NAME}`;
/** Role every seeded state machine claims (moto checks nothing about it). */
export const SANDBOX_ROLE_ARN = `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:role/sfn-triage-sandbox`;
/** SNS topic the seeded alarms name as their action (never created: moto does not publish alarm actions). */
export const ONCALL_TOPIC_ARN = `arn:aws:sns:${SANDBOX_REGION}:${SANDBOX_ACCOUNT_ID}:sfn-triage-oncall`;

/** ARN of a seeded state machine by name. */
export function stateMachineArn(name: string): string {
  return `arn:aws:states:${SANDBOX_REGION}:${SANDBOX_ACCOUNT_ID}:stateMachine:${name}`;
}

/** ARN of an echoing Lambda function (moto's docker-less Lambda returns the payload it is given). */
export function lambdaArn(name: string): string {
  return `arn:aws:lambda:${SANDBOX_REGION}:${SANDBOX_ACCOUNT_ID}:function:${name}`;
}

/** What a worker does with one callback task; chosen per task by the execution input's `simulate` map. */
export type WorkerBehavior =
  | "succeed"
  | "fail"
  | "flaky"
  | "stall"
  | "heartbeat"
  | "miss-heartbeat"
  | "oversized";

/** What one traffic scenario is expected to end as. */
export interface ExpectedOutcome {
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  /** Execution-level error (DescribeExecution.error), when FAILED. */
  error?: string;
  /** Roughly when it closes, in seconds after it starts. */
  closesAfterS: number;
  /** What the dashboard should make of it. */
  note: string;
}

/** One kind of execution the traffic generator starts. */
export interface Scenario {
  name: string;
  /** Relative share of traffic. */
  weight: number;
  /** Execution input for the n-th start of this scenario. */
  input(n: number): Record<string, unknown>;
  expect: ExpectedOutcome;
}

/** A CloudWatch alarm to create on a seeded state machine's AWS/States metric. */
export interface AlarmSpec {
  name: string;
  metricName: "ExecutionsFailed" | "ExecutionsTimedOut" | "ExecutionsAborted" | "ExecutionThrottled";
  threshold: number;
  periodS: number;
  /** Declare it through Metrics[] (a single MetricStat), as metric-math-era tooling does. */
  viaMetricsArray?: boolean;
}

/** A seeded workflow: its ASL, its traffic and its alarms. */
export interface Workflow {
  name: string;
  description: string;
  definition: Record<string, unknown>;
  scenarios: Scenario[];
  alarms: AlarmSpec[];
}

/** Message body every callback task sends: the worker picks its behaviour from input.simulate[task]. */
export function callbackMessage(task: string): Record<string, unknown> {
  return {
    "taskToken.$": "$$.Task.Token",
    task,
    "attempt.$": "$$.State.RetryCount",
    "executionArn.$": "$$.Execution.Id",
    "input.$": "$",
  };
}

/** Parameters of an SQS callback task on the shared queue. */
export function callbackParameters(task: string): Record<string, unknown> {
  return { QueueUrl: CALLBACK_QUEUE_URL, MessageBody: callbackMessage(task) };
}
