import { EXECUTION_STATUSES, type ExecutionStatus } from "@/lib/domain/execution";

/** EventBridge `source` of Step Functions' own events (docs/aws-facts-events.md, fact 1). */
export const STATUS_CHANGE_SOURCE = "aws.states";
/** EventBridge `detail-type` of an execution's status change (docs/aws-facts-events.md, fact 1). */
export const STATUS_CHANGE_DETAIL_TYPE = "Step Functions Execution Status Change";

/** One "Step Functions Execution Status Change" event, validated: what the failure index needs of it, no payload text. */
export interface ExecutionStatusChange {
  /** EventBridge's event id (duplicates of one delivery share it). */
  eventId: string | null;
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** Epoch ms. */
  startMs: number;
  /** Epoch ms; null while RUNNING. */
  stopMs: number | null;
  /** 0 until the execution is redriven; each redrive is a new attempt under the same ARN. */
  redriveCount: number;
  versionArn: string | null;
  aliasArn: string | null;
  error: string | null;
  cause: string | null;
  /** False when AWS left the input (or output) out of the event for size (fact 6); null when the event does not say. */
  inputIncluded: boolean | null;
  outputIncluded: boolean | null;
  /** The account and region of the execution (from its ARN). */
  account: string;
  region: string;
}

/** The verdict on one message: a status change, or why it isn't one (never quoting its text: it may hold payloads). */
export type StatusChangeParse = { ok: true; change: ExecutionStatusChange } | { ok: false; reason: string };

// arn:{partition}:states:{region}:{account}:execution:{stateMachine}[/{label}]:{name} (Map Run children carry a label).
const EXECUTION_ARN = /^arn:(aws|aws-cn|aws-us-gov):states:([a-z0-9-]+):(\d{12}):execution:([^:]+):([^:]+)$/;
const STATE_MACHINE_ARN = /^arn:(aws|aws-cn|aws-us-gov):states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)(:[^:]+)?$/;
// ARNs are at most 256 characters, Map Run ARNs up to 2,000 (AWS-FACTS.md).
const MAX_ARN = 2000;
// Error strings are at most 256 characters and causes 32,768 (AWS-FACTS.md); a longer one is not AWS's.
const MAX_ERROR = 256;
const MAX_CAUSE = 32_768;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function optionalString(detail: Record<string, unknown>, key: string, max: number): string | null | { bad: string } {
  const value = detail[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return { bad: `detail.${key} is not a string` };
  if (value.length > max) return { bad: `detail.${key} is longer than ${max} characters` };
  return value;
}

function epochMs(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && Number.isInteger(value) ? value : null;
}

function included(details: unknown): boolean | null {
  return isObject(details) && typeof details.included === "boolean" ? details.included : null;
}

/** Validates an EventBridge event (already JSON-parsed) as an execution status change. */
export function parseStatusChange(event: unknown): StatusChangeParse {
  const fail = (reason: string): StatusChangeParse => ({ ok: false, reason });
  if (!isObject(event)) return fail("the event is not a JSON object");
  if (event.source !== STATUS_CHANGE_SOURCE) return fail(`source is not ${STATUS_CHANGE_SOURCE}`);
  if (event["detail-type"] !== STATUS_CHANGE_DETAIL_TYPE) return fail(`detail-type is not "${STATUS_CHANGE_DETAIL_TYPE}"`);
  const detail = event.detail;
  if (!isObject(detail)) return fail("detail is not an object");

  const { executionArn, stateMachineArn, name, status } = detail;
  if (typeof executionArn !== "string" || executionArn.length > MAX_ARN) return fail("detail.executionArn is missing or too long");
  const exec = EXECUTION_ARN.exec(executionArn);
  if (!exec) return fail("detail.executionArn is not an execution ARN");
  if (typeof stateMachineArn !== "string" || stateMachineArn.length > MAX_ARN) return fail("detail.stateMachineArn is missing or too long");
  const sm = STATE_MACHINE_ARN.exec(stateMachineArn);
  if (!sm) return fail("detail.stateMachineArn is not a state machine ARN");
  // The execution belongs to the state machine: same partition, region, account and name (before a Map Run label).
  const execMachine = exec[4]!.split("/")[0];
  if (exec[1] !== sm[1] || exec[2] !== sm[2] || exec[3] !== sm[3] || execMachine !== sm[4]) return fail("detail.executionArn is not an execution of detail.stateMachineArn");
  if (typeof name !== "string" || name.length === 0 || name.length > 256) return fail("detail.name is missing");
  if (typeof status !== "string" || !(EXECUTION_STATUSES as readonly string[]).includes(status)) return fail("detail.status is not an execution status");

  const startMs = epochMs(detail.startDate);
  if (startMs === null) return fail("detail.startDate is not epoch milliseconds");
  const stopMs = detail.stopDate === undefined || detail.stopDate === null ? null : epochMs(detail.stopDate);
  if (detail.stopDate !== undefined && detail.stopDate !== null && stopMs === null) return fail("detail.stopDate is not epoch milliseconds");
  const terminal = status !== "RUNNING" && status !== "PENDING_REDRIVE";
  if (terminal && stopMs === null) return fail(`detail.stopDate is missing for a ${status} execution`);
  if (stopMs !== null && stopMs < startMs) return fail("detail.stopDate is before detail.startDate");

  const rawRedrive = detail.redriveCount ?? 0;
  if (typeof rawRedrive !== "number" || !Number.isInteger(rawRedrive) || rawRedrive < 0) return fail("detail.redriveCount is not a count");

  const error = optionalString(detail, "error", MAX_ERROR);
  const cause = optionalString(detail, "cause", MAX_CAUSE);
  const versionArn = optionalString(detail, "stateMachineVersionArn", MAX_ARN);
  const aliasArn = optionalString(detail, "stateMachineAliasArn", MAX_ARN);
  for (const v of [error, cause, versionArn, aliasArn]) if (v !== null && typeof v === "object") return fail(v.bad);

  return {
    ok: true,
    change: {
      eventId: typeof event.id === "string" ? event.id : null,
      executionArn,
      stateMachineArn: sm[5] ? stateMachineArn.slice(0, stateMachineArn.length - sm[5].length) : stateMachineArn,
      name,
      status: status as ExecutionStatus,
      startMs,
      stopMs,
      redriveCount: rawRedrive,
      versionArn: versionArn as string | null,
      aliasArn: aliasArn as string | null,
      error: error as string | null,
      cause: cause as string | null,
      inputIncluded: included(detail.inputDetails),
      outputIncluded: included(detail.outputDetails),
      account: exec[3]!,
      region: exec[2]!,
    },
  };
}

/** Parses an SQS message body (an EventBridge rule's target gets the event as JSON text) as a status change. */
export function parseStatusChangeMessage(body: string | undefined | null): StatusChangeParse {
  if (typeof body !== "string" || body.length === 0) return { ok: false, reason: "the message has no body" };
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return { ok: false, reason: "the message body is not JSON" };
  }
  return parseStatusChange(event);
}
