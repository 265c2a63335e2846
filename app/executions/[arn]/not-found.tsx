"use client";
import { ErrorPanel, type ErrorLink } from "@/components/common/error-panel";
import { usePathSegment } from "@/components/common/use-path-segment";
import { tryParseStatesArn } from "@/lib/analysis/links/arn";
import { toConsoleExecutionUrl } from "@/lib/analysis/links/console-url";
import { routes } from "@/lib/routes";

/** 404 for an execution link: names the execution and region, and links to its state machine, the fleet and the console. */
export default function ExecutionNotFound() {
  const arn = tryParseStatesArn(usePathSegment(1));
  const links: ErrorLink[] = [];
  if (arn?.stateMachineArn) links.push({ href: routes.stateMachine(arn.stateMachineArn), label: `Open the state machine ${arn.stateMachineName ?? ""}`.trim() });
  links.push({ href: routes.fleet(), label: "The fleet" });
  if (arn) links.push({ href: toConsoleExecutionUrl(arn.arn, arn.region), label: "This execution in the AWS console", external: true });
  return (
    <ErrorPanel
      title={arn?.executionName ? `No execution ${arn.executionName} in ${arn.region}` : "No such execution"}
      message={
        arn
          ? `Step Functions has no execution of that name for ${arn.stateMachineName ?? "this state machine"} in account ${arn.account}, region ${arn.region}.`
          : "Step Functions has no such execution in this account and region."
      }
      todo="Executions are kept 90 days after they close, and Express executions are never listed: check the name, or open the state machine to see its recent executions."
      links={links}
    />
  );
}
