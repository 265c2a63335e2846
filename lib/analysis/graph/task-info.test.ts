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
    expect(readTaskInfo(resource)).toEqual({ resource, pattern, service, placeholder: false });
  });

  it.each([
    // CloudFormation's partition placeholder holds "::": read through it, it is the same callback as arn:aws.
    ["arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken", "callback", "sqs"],
    ["arn:aws:states:${AWS::Region}:${AWS::AccountId}:activity:${ActivityName}", "activity", "activity"],
    ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}", "request-response", "lambda"],
    ["${ProcessFunctionArn}", "request-response", "lambda"],
    ["${WorkerActivityArn}", "activity", "activity"],
    ["${SQSSendMessageAction}", "request-response", null],
  ])("reads the template %s as %s (%s)", (resource, pattern, service) => {
    expect(readTaskInfo(resource)).toEqual({ resource, pattern, service, placeholder: true });
  });

  it("reads intrinsic functions as placeholders: Fn::Sub's template, Fn::Join's parts, GetAtt as a name", () => {
    expect(readTaskInfo({ "Fn::Sub": "arn:${AWS::Partition}:states:::ecs:runTask.sync" })).toMatchObject({ pattern: "sync", service: "ecs", placeholder: true });
    expect(readTaskInfo({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":states:::lambda:invoke"]] })).toMatchObject({ resource: "arn:${AWS::Partition}:states:::lambda:invoke", service: "lambda" });
    expect(readTaskInfo({ "Fn::GetAtt": ["Worker", "Arn"] })).toEqual({ resource: "${Worker.Arn}", pattern: "request-response", service: null, placeholder: true });
  });
});
