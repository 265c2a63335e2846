import type { TaskInfo } from "./state-graph-model";
import { isWholePlaceholder, isTemplatePlaceholder, templateText, withoutPlaceholders } from "./template-values";

/**
 * Classifies a Task's Resource by integration pattern. `.waitForTaskToken` waits for a callback,
 * `.sync` / `.sync:2` polls a job to completion, an activity ARN waits for a worker: those three can
 * wait far longer than any request-response call, which is why their timeouts and heartbeats matter.
 * Template placeholders are read through: `arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken`
 * is the same callback as `arn:aws:…`; a Resource that is one placeholder is read by its name
 * (`${ProcessFunctionArn}` is a Lambda function, `${WorkerActivityArn}` an activity) or not at all.
 */
export function readTaskInfo(resource: unknown): TaskInfo {
  const text = templateText(resource);
  const placeholder = isTemplatePlaceholder(resource);
  const shown = text ?? JSON.stringify(resource) ?? "";
  const unknown: TaskInfo = { resource: shown, pattern: "request-response", service: null, placeholder };
  if (text === null) return unknown;
  // A whole placeholder says nothing for sure, but templates name them after what they hold: "${ProcessFunctionArn}".
  if (isWholePlaceholder(text)) {
    if (/activity/i.test(text)) return { ...unknown, pattern: "activity", service: "activity" };
    return /lambda|function/i.test(text) && !/action/i.test(text) ? { ...unknown, service: "lambda" } : unknown;
  }
  const parts = withoutPlaceholders(text).split(":");
  // arn:partition:service:region:account:rest…
  const arnService = parts[2] ?? "";
  if (parts[0] !== "arn" || parts.length < 6) return unknown;
  const info = (pattern: TaskInfo["pattern"], service: string | null): TaskInfo => ({ resource: shown, pattern, service, placeholder });
  if (arnService === "lambda") return info("request-response", "lambda");
  if (arnService !== "states") return info("request-response", arnService && arnService !== "${}" ? arnService : null);
  if (parts[5] === "activity") return info("activity", "activity");
  const integration = parts.slice(5).join(":");
  const pattern = /\.waitForTaskToken$/.test(integration) ? "callback" : /\.sync(:\d+)?$/.test(integration) ? "sync" : "request-response";
  const head = integration.replace(/\.(waitForTaskToken|sync(:\d+)?)$/, "").split(":");
  const service = head[0] === "aws-sdk" && head[1] ? `aws-sdk:${head[1]}` : head[0] || null;
  return info(pattern, service);
}
