/**
 * Error names Step Functions raises or documents, in one place: the matcher, the failure classifier, the
 * fleet views and the findings all read these sets, so they cannot drift apart.
 */

/**
 * What `States.Timeout` stands for: a Task timeout, a missed heartbeat or the execution's own timeout.
 * `States.HeartbeatTimeout` also appears in the wild (AWS-FACTS.md: "match both").
 */
export const STATES_TIMEOUT_ERRORS: ReadonlySet<string> = new Set(["States.Timeout", "States.HeartbeatTimeout"]);

/**
 * Every error on-call reads as "it timed out": the States timeouts, plus a Lambda function's own timeout,
 * which surfaces as a task error (`Sandbox.Timedout`) rather than as TaskTimedOut (AWS-FACTS.md: Timeouts).
 */
export const TIMEOUT_ERRORS: ReadonlySet<string> = new Set([...STATES_TIMEOUT_ERRORS, "Sandbox.Timedout"]);

/**
 * Transient Lambda errors AWS recommends retrying on every Lambda Task — Step Functions developer guide,
 * "Handle transient Lambda service exceptions" (AWS-FACTS.md: Lambda Tasks).
 */
export const LAMBDA_TRANSIENT_ERRORS: readonly string[] = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];
