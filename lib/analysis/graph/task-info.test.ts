import { describe, expect, it } from "vitest";
import { readTaskInfo } from "./task-info";

describe("readTaskInfo", () => {
  it.each([
    ["arn:aws:states:::lambda:invoke", "request-response", "lambda"],
    ["arn:aws:lambda:us-east-1:111111111111:function:f", "request-response", "lambda"],
    ["arn:aws:states:::sqs:sendMessage.waitForTaskToken", "callback", "sqs"],
    ["arn:aws:states:::lambda:invoke.waitForTaskToken", "callback", "lambda"],
    ["arn:aws:states:::ecs:runTask.sync", "sync", "ecs"],
    ["arn:aws:states:::states:startExecution.sync:2", "sync", "states"],
    ["arn:aws:states:us-east-1:111111111111:activity:worker", "activity", "activity"],
    ["arn:aws:states:::aws-sdk:s3:getObject", "request-response", "aws-sdk:s3"],
    ["arn:aws:states:::http:invoke", "request-response", "http"],
    ["not-an-arn", "request-response", null],
  ])("%s is %s (%s)", (resource, pattern, service) => {
    expect(readTaskInfo(resource)).toEqual({ resource, pattern, service });
  });
});
