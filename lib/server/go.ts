import "server-only";
import { describeAlarms } from "@/lib/aws";
import { configuredRegions } from "@/lib/aws/clients";
import { resolveQuery } from "@/lib/analysis/links/resolve-query";
import { routes } from "@/lib/routes";
import { withBudget } from "./budget";

/** Where `/go?q=` sends the engineer, or why it can't. */
export type GoResult = { location: string } | { status: 400 | 404; message: string; expected?: string };

/** Resolves a pasted ARN, console link, alarm name or alarm notification to one of our pages. */
export async function resolveGo(q: string): Promise<GoResult> {
  const target = resolveQuery(q);
  switch (target.kind) {
    case "execution":
      return { location: routes.execution(target.arn.arn) };
    case "state-machine":
      return { location: routes.stateMachine(target.arn.arn, { from: target.window?.from, to: target.window?.to }) };
    case "invalid":
      return { status: 400, message: target.message, expected: target.expected };
    case "alarm-name": {
      // One paginated DescribeAlarms per region, matched locally (DESIGN.md): cheap and right on AWS and moto alike.
      for (const region of configuredRegions()) {
        const alarm = (await withBudget("DescribeAlarms", region, () => describeAlarms(region))).find((a) => a.alarmName === target.alarmName);
        if (!alarm) continue;
        const refs = [alarm, ...alarm.metrics];
        const arn = refs
          .flatMap((r) => r.dimensions ?? [])
          .find((d) => d.name === "StateMachineArn")?.value;
        if (!arn) return { status: 400, message: `The alarm "${target.alarmName}" watches no state machine (it has no StateMachineArn dimension).` };
        return { location: routes.stateMachine(arn) };
      }
      return { status: 404, message: `No alarm named "${target.alarmName}" in ${configuredRegions().join(", ")}.` };
    }
  }
}
