import "server-only";
import { configuredRegions } from "@/lib/aws/clients";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { resolveQuery } from "@/lib/analysis/links/resolve-query";
import { routes } from "@/lib/routes";
import { services } from "./services";

/** Where `/go?q=` sends the engineer, or why it can't. `echo: false` when the input must not be shown back. */
export type GoResult = { location: string } | { status: 400 | 404; message: string; expected?: string; echo?: boolean };

/**
 * Resolves a pasted ARN, console link, alarm name or ARN, alarm notification or alarm event to one of our
 * pages. An alarm lands on the alarm view, its link carrying the state change and the breach window.
 */
export async function resolveGo(q: string): Promise<GoResult> {
  const target = resolveQuery(q);
  switch (target.kind) {
    case "execution":
      return { location: routes.execution(target.arn.arn) };
    case "state-machine":
      return { location: routes.stateMachine(target.arn.arn) };
    case "invalid":
      return { status: 400, message: target.message, expected: target.expected, echo: target.echo };
    case "alarm": {
      const { alarm } = target;
      // SNS's Region is a display name: the region comes from the alarm ARN, else the state machine's.
      const region = alarm.region ?? (alarm.stateMachineArn ? parseStatesArn(alarm.stateMachineArn).region : null) ?? (await findAlarmRegion(alarm.alarmName));
      if (!region) return { status: 404, message: `No alarm named "${alarm.alarmName}" in ${configuredRegions().join(", ")}.` };
      return { location: routes.alarm(region, alarm.alarmName, { at: alarm.stateChangeTime ?? undefined, from: alarm.breach?.from, to: alarm.breach?.to }) };
    }
    case "alarm-name": {
      const regions = target.region ? [target.region] : configuredRegions();
      for (const region of regions) {
        // One DescribeAlarms by name per region (not the whole paginated list).
        // A region the dashboard doesn't watch has no alarm of ours: 404 without a call.
        if (!configuredRegions().includes(region)) continue;
        const alarm = await services().aws.visitor.describeAlarm(region, target.alarmName);
        if (!alarm) continue;
        // In ALARM: pinned to that state change, so the link keeps meaning this breach after the alarm moves on.
        // Otherwise the view looks up the last change to ALARM itself.
        const at = alarm.stateValue === "ALARM" ? (alarm.stateTransitionedTimestamp ?? alarm.stateUpdatedTimestamp ?? undefined) : undefined;
        return { location: routes.alarm(region, alarm.alarmName, { at }) };
      }
      return { status: 404, message: `No alarm named "${target.alarmName}" in ${regions.join(", ")}.` };
    }
  }
}

async function findAlarmRegion(alarmName: string): Promise<string | null> {
  for (const region of configuredRegions()) {
    if (await services().aws.visitor.describeAlarm(region, alarmName)) return region;
  }
  return null;
}
