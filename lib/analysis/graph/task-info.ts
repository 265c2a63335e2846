import type { TaskInfo } from "./state-graph-model";

/**
 * Classifies a Task's Resource by integration pattern. `.waitForTaskToken` waits for a callback,
 * `.sync` / `.sync:2` polls a job to completion, an activity ARN waits for a worker: those three can
 * wait far longer than any request-response call, which is why their timeouts and heartbeats matter.
 */
export function readTaskInfo(resource: string): TaskInfo {
  const parts = resource.split(":");
  // arn:partition:service:region:account:rest…
  const arnService = parts[2] ?? "";
  if (parts[0] !== "arn" || parts.length < 6) return { resource, pattern: "request-response", service: null };
  if (arnService === "lambda") return { resource, pattern: "request-response", service: "lambda" };
  if (arnService !== "states") return { resource, pattern: "request-response", service: arnService || null };
  if (parts[5] === "activity") return { resource, pattern: "activity", service: "activity" };
  const integration = parts.slice(5).join(":");
  const pattern = /\.waitForTaskToken$/.test(integration)
    ? "callback"
    : /\.sync(:\d+)?$/.test(integration)
      ? "sync"
      : "request-response";
  const head = integration.replace(/\.(waitForTaskToken|sync(:\d+)?)$/, "").split(":");
  const service = head[0] === "aws-sdk" && head[1] ? `aws-sdk:${head[1]}` : head[0] || null;
  return { resource, pattern, service };
}
