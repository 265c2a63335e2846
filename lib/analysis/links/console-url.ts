import { ArnError } from "./arn";

/** The AWS console's execution page for an execution ARN (an undocumented but stable convention). */
export function toConsoleExecutionUrl(executionArn: string, region: string): string {
  const host = consoleHost(executionArn, region);
  return `https://${host}/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

/** The AWS console's state machine page. */
export function toConsoleStateMachineUrl(stateMachineArn: string, region: string): string {
  const host = consoleHost(stateMachineArn, region);
  return `https://${host}/states/home?region=${region}#/statemachines/view/${stateMachineArn}`;
}

function consoleHost(arn: string, region: string): string {
  if (arn.startsWith("arn:aws-us-gov:")) return "console.amazonaws-us-gov.com";
  if (arn.startsWith("arn:aws-cn:")) return "console.amazonaws.cn";
  return `${region}.console.aws.amazon.com`;
}

const CONSOLE_HOST = /(^|\.)console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/;

/**
 * Pulls the Step Functions ARN out of an AWS console URL (`#/v2/executions/details/{arn}`,
 * the older `#/executions/details/{arn}`, `#/statemachines/view/{arn}` and their encoded forms).
 * Returns null when the text is not a URL at all; throws ArnError for a console URL that isn't Step Functions'.
 */
export function arnFromConsoleUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (!CONSOLE_HOST.test(url.hostname)) throw new ArnError(`${url.hostname} is not the AWS console.`);
  if (!url.pathname.startsWith("/states")) {
    const service = url.pathname.split("/").filter(Boolean)[0] ?? "(none)";
    throw new ArnError(`This is a console link to the "${service}" service, not to Step Functions.`);
  }
  let fragment = url.hash;
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    throw new ArnError("The console link's fragment is not valid URL encoding.");
  }
  // Map Run children (execution:{sm}/{label}:{id}) hold a slash, so the ARN runs to ?, #, & or whitespace.
  const match = /arn:[a-z-]+:states:[^?#&\s]+/.exec(fragment);
  if (!match) throw new ArnError("This Step Functions console link names no state machine or execution.");
  return match[0];
}
