import { ArnError, parseStatesArn, type StatesArn } from "./arn";
import { AlarmMessageError, parseAlarmNotification, type AlarmNotification } from "./alarm-message";
import { arnFromConsoleUrl } from "./console-url";

/** Where a `/go?q=` query leads, before any AWS lookup. */
export type QueryTarget =
  | { kind: "execution"; arn: StatesArn }
  | { kind: "state-machine"; arn: StatesArn; window: { from: string; to: string } | null; alarm: AlarmNotification | null }
  | { kind: "alarm-name"; alarmName: string }
  | { kind: "invalid"; message: string; expected: string };

// CloudWatch alarm names: 1-255 printable characters.
const ALARM_NAME = /^[^\u0000-\u001f\u007f]{1,255}$/u;
const EXPECTED = "a Step Functions ARN, an AWS console link to Step Functions, an alarm name, or a CloudWatch alarm notification (JSON)";

function fromArn(arn: StatesArn): QueryTarget {
  switch (arn.kind) {
    case "execution":
    case "map-run-execution":
      return { kind: "execution", arn };
    case "express-execution":
      return { kind: "invalid", message: "Express executions have no execution history in the Step Functions API; open their CloudWatch Logs instead.", expected: EXPECTED };
    case "activity":
      return { kind: "invalid", message: "An activity ARN belongs to no single state machine.", expected: EXPECTED };
    default:
      // Versions, aliases and Map Runs land on the state machine they belong to.
      return { kind: "state-machine", arn: parseStatesArn(arn.stateMachineArn ?? arn.arn), window: null, alarm: null };
  }
}

/** Classifies what an engineer pasted into `/go`. Pure: alarm names are looked up by the caller. */
export function resolveQuery(raw: string): QueryTarget {
  const q = raw.trim();
  if (q.length === 0) return { kind: "invalid", message: "Nothing to look up.", expected: EXPECTED };
  try {
    if (q.startsWith("{")) {
      const alarm = parseAlarmNotification(q);
      if (alarm.namespace !== null && alarm.namespace !== "AWS/States") {
        return { kind: "invalid", message: `The alarm "${alarm.alarmName}" watches ${alarm.namespace}, not AWS/States.`, expected: EXPECTED };
      }
      if (!alarm.stateMachineArn) return { kind: "alarm-name", alarmName: alarm.alarmName };
      return { kind: "state-machine", arn: parseStatesArn(alarm.stateMachineArn), window: alarm.window, alarm };
    }
    if (q.startsWith("arn:")) return fromArn(parseStatesArn(q));
    const fromUrl = arnFromConsoleUrl(q);
    if (fromUrl) return fromArn(parseStatesArn(fromUrl));
  } catch (error) {
    if (error instanceof ArnError || error instanceof AlarmMessageError) return { kind: "invalid", message: error.message, expected: EXPECTED };
    throw error;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q)) return { kind: "invalid", message: "That link is not an AWS console link.", expected: EXPECTED };
  if (ALARM_NAME.test(q)) return { kind: "alarm-name", alarmName: q };
  return { kind: "invalid", message: "That is not an ARN, a console link or an alarm name.", expected: EXPECTED };
}
