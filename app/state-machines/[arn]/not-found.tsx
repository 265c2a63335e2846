"use client";
import { ErrorPanel, type ErrorLink } from "@/components/common/error-panel";
import { usePathSegment } from "@/components/common/use-path-segment";
import { tryParseStatesArn } from "@/lib/analysis/links/arn";
import { toConsoleStateMachineUrl } from "@/lib/analysis/links/console-url";
import { routes } from "@/lib/routes";

/** 404 for a state machine link: names it and its region, and links to the fleet and the console. */
export default function StateMachineNotFound() {
  const arn = tryParseStatesArn(usePathSegment(1));
  const links: ErrorLink[] = [{ href: routes.fleet(), label: "The fleet: every state machine the dashboard sees" }];
  if (arn?.stateMachineArn) links.push({ href: toConsoleStateMachineUrl(arn.stateMachineArn, arn.region), label: "State machines in the AWS console", external: true });
  return (
    <ErrorPanel
      title={arn?.stateMachineName ? `No state machine ${arn.stateMachineName} in ${arn.region}` : "No such state machine"}
      message={arn ? `Step Functions has no state machine of that name in account ${arn.account}, region ${arn.region}: it may have been deleted or renamed.` : "Step Functions has no such state machine in this account and region."}
      todo="Check the name and region, or pick it from the fleet."
      links={links}
    />
  );
}
