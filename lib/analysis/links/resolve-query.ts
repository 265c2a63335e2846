import { ArnError, parseStatesArn, type StatesArn } from "./arn";
import { AlarmMessageError, parseAlarmNotification, type AlarmNotification } from "./alarm-message";
import { isAlarmName, parseAlarmArn } from "./alarm-path";
import { arnFromConsoleUrl } from "./console-url";

/** Where a `/go?q=` query leads, before any AWS lookup. */
export type QueryTarget =
  | { kind: "execution"; arn: StatesArn }
  | { kind: "state-machine"; arn: StatesArn }
  | { kind: "alarm"; alarm: AlarmNotification }
  | { kind: "alarm-name"; alarmName: string; region: string | null }
  /** `echo: false`: the input must not be shown back (a markup-bearing scheme such as javascript:). */
  | { kind: "invalid"; message: string; expected: string; echo: boolean };

const EXPECTED =
  "a Step Functions ARN, an AWS console link to Step Functions, an alarm name or ARN, a CloudWatch alarm notification (SNS JSON) or an EventBridge alarm state change event";

// Schemes a browser would run or render as a document; refused without echoing them back. Browsers
// ignore whitespace and control characters inside a scheme ("java\tscript:"), so those are removed first.
const MARKUP_SCHEME = /^(?:javascript|vbscript|data|blob|file|filesystem|about|view-source):/i;

function invalid(message: string, echo = true): QueryTarget {
  return { kind: "invalid", message, expected: EXPECTED, echo };
}

function fromArn(arn: StatesArn): QueryTarget {
  switch (arn.kind) {
    case "execution":
    case "map-run-execution":
      return { kind: "execution", arn };
    case "express-execution":
      return invalid("Express executions have no execution history in the Step Functions API; open their CloudWatch Logs instead.");
    case "activity":
      return invalid("An activity ARN belongs to no single state machine.");
    default:
      // Versions, aliases and Map Runs land on the state machine they belong to.
      return { kind: "state-machine", arn: parseStatesArn(arn.stateMachineArn ?? arn.arn) };
  }
}

function fromAlarm(alarm: AlarmNotification): QueryTarget {
  const namespaces = [...new Set(alarm.metrics.map((m) => m.namespace).filter((n): n is string => n !== null))];
  if (namespaces.length > 0 && !namespaces.includes("AWS/States")) {
    return invalid(`The alarm "${alarm.alarmName}" watches ${namespaces.join(", ")}, not AWS/States.`);
  }
  // A StateMachineArn dimension must be a real state machine ARN: it becomes a link.
  if (alarm.stateMachineArn) parseStatesArn(alarm.stateMachineArn);
  return { kind: "alarm", alarm };
}

/** Classifies what an engineer pasted into `/go`. Pure: alarm names are looked up by the caller. */
export function resolveQuery(raw: string): QueryTarget {
  const q = raw.trim();
  if (q.length === 0) return invalid("Nothing to look up.");
  if (MARKUP_SCHEME.test(q.replace(/[\s\u0000-\u001f\u007f-\u009f]/g, ""))) {
    return invalid("That is a script or document link, not an ARN, a console link or an alarm.", false);
  }
  try {
    if (q.startsWith("{")) return fromAlarm(parseAlarmNotification(q));
    if (q.startsWith("arn:")) {
      const alarmArn = parseAlarmArn(q);
      if (alarmArn) return { kind: "alarm-name", alarmName: alarmArn.alarmName, region: alarmArn.region };
      return fromArn(parseStatesArn(q));
    }
    const fromUrl = arnFromConsoleUrl(q);
    if (fromUrl) return fromArn(parseStatesArn(fromUrl));
  } catch (error) {
    if (error instanceof ArnError || error instanceof AlarmMessageError) return invalid(error.message);
    throw error;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q)) return invalid("That link is not an AWS console link.");
  if (isAlarmName(q)) return { kind: "alarm-name", alarmName: q, region: null };
  return invalid("That is not an ARN, a console link or an alarm name.");
}
