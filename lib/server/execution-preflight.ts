import "server-only";
import { tryParseStatesArn } from "@/lib/analysis/links/arn";
import { toConsoleExecutionUrl } from "@/lib/analysis/links/console-url";
import { isAwsFailure } from "@/lib/domain/errors";
import { routes } from "@/lib/routes";
import { triageService } from "./executions";
import { arnFromSegment, clientMessageFor, THROTTLED_RETRY_AFTER_SECONDS } from "./http";
import { registerPagePreflight, type PreflightAnswer } from "./page-preflight";
import { awsFailurePage } from "./status-page";


/**
 * For proxy.ts (lib/server/page-preflight.ts): the execution page's status before it streams. The triage service
 * keeps what it read (closed executions for good, running ones for a few seconds), so the page that follows reads
 * the same answer; when AWS failed and nothing is cached the proxy answers 503 (429 when throttled). Null lets
 * the page render: the triage (fresh or marked stale) or its own 404.
 */
export async function executionPreflight(executionArn: string): Promise<PreflightAnswer | null> {
  try {
    await triageService().getTriage(executionArn);
    return null;
  } catch (error) {
    if (!isAwsFailure(error) || error.kind === "not-found" || error.kind === "invalid-input") return null;
    const arn = tryParseStatesArn(executionArn);
    return awsFailurePage({
      kind: error.kind,
      message: clientMessageFor(error),
      throttledRetryAfterSeconds: THROTTLED_RETRY_AFTER_SECONDS,
      still: "Nothing for this execution: no one has opened it since the server started and the index holds no report of it. Its state machine's page and the fleet still show what they last read.",
      reload: routes.execution(executionArn),
      links: [
        ...(arn?.stateMachineArn ? [{ href: routes.stateMachine(arn.stateMachineArn), label: `The state machine ${arn.stateMachineName ?? ""}`.trim() }] : []),
        { href: routes.fleet(), label: "The fleet" },
        ...(arn ? [{ href: toConsoleExecutionUrl(arn.arn, arn.region), label: "This execution in the AWS console", external: true }] : []),
      ],
    });
  }
}

registerPagePreflight("executions", async ({ segments }) => {
  if (segments.length !== 1 || !segments[0]) return null;
  let arn: string;
  try {
    arn = arnFromSegment(segments[0]);
  } catch {
    return null;
  }
  return executionPreflight(arn);
});
