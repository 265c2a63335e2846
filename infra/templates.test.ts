import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STATUS_CHANGE_DETAIL_TYPE, STATUS_CHANGE_SOURCE } from "@/lib/analysis/events";

// The CloudFormation templates of event ingest (JSON: no YAML parser is installed, and JSON is CloudFormation too),
// checked for structure: every reference resolves, the rules match what lib/analysis/events parses, the queue
// and bus policies let exactly the senders they must, and the dashboard's role grants what the code calls.

const ROOT = path.resolve(__dirname, "..");
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Resource {
  Type: string;
  Properties: Record<string, Json>;
}
interface Template {
  AWSTemplateFormatVersion: string;
  Parameters?: Record<string, { Type: string }>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json }>;
}

const load = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, "infra", name), "utf8")) as Template;
const central = load("central.json");
const member = load("member.json");

/** Every Ref / Fn::GetAtt / ${Name} in a template. */
function references(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => references(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "Ref" && typeof v === "string") out.push(v);
      else if (k === "Fn::GetAtt" && Array.isArray(v) && typeof v[0] === "string") out.push(v[0]);
      else if (k === "Fn::Sub" && typeof v === "string") for (const m of v.matchAll(/\$\{([A-Za-z0-9]+)\}/g)) out.push(m[1]!);
      references(v, out);
    }
  }
  return out;
}

const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const getAtt = (name: string, attr = "Arn") => ({ "Fn::GetAtt": [name, attr] });

function roleActions(role: Resource): { action: string; resource: Json }[] {
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: { Effect: string; Action: string | string[]; Resource: Json }[] } }[];
  return policies.flatMap((p) => p.PolicyDocument.Statement.flatMap((s) => {
    expect(s.Effect).toBe("Allow");
    return (Array.isArray(s.Action) ? s.Action : [s.Action]).map((action) => ({ action, resource: s.Resource }));
  }));
}

describe.each([["central.json", central], ["member.json", member]])("infra/%s", (_name, template) => {
  it("is a CloudFormation template whose every reference resolves", () => {
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    const declared = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources), "AWS::Region", "AWS::AccountId", "AWS::Partition"]);
    const refs = references(template as unknown as Json);
    expect(refs.length).toBeGreaterThan(3);
    expect(refs.filter((r) => !declared.has(r))).toEqual([]);
    for (const [name, r] of Object.entries(template.Resources)) {
      expect(r.Type, name).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
      expect(r.Properties, name).toBeTypeOf("object");
    }
  });

  it("its rules match exactly the events lib/analysis/events parses, on the default bus or the central one, with a day of retries", () => {
    const rules = ofType(template, "AWS::Events::Rule");
    expect(rules.length).toBeGreaterThan(0);
    for (const [, rule] of rules) {
      expect(rule.Properties.EventPattern).toEqual({ source: [STATUS_CHANGE_SOURCE], "detail-type": [STATUS_CHANGE_DETAIL_TYPE] });
      expect(rule.Properties.State).toBe("ENABLED");
      for (const target of rule.Properties.Targets as { RetryPolicy: Json }[]) expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 });
    }
  });
});

describe("infra/central.json", () => {
  const queue = central.Resources.EventsQueue!;
  it("the queue redrives to its dead-letter queue, and both rules target the queue (and the DLQ for what EventBridge can't deliver)", () => {
    expect(queue.Type).toBe("AWS::SQS::Queue");
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt("EventsDeadLetterQueue"), maxReceiveCount: { Ref: "MaxReceiveCount" } });
    expect(central.Resources.EventsDeadLetterQueue!.Type).toBe("AWS::SQS::Queue");
    const rules = ofType(central, "AWS::Events::Rule");
    expect(rules.map(([, r]) => r.Properties.EventBusName)).toEqual(["default", { Ref: "CentralBus" }]);
    for (const [, rule] of rules) {
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: getAtt("EventsQueue"), DeadLetterConfig: { Arn: getAtt("EventsDeadLetterQueue") } })]);
    }
  });

  it("the queue policies let events.amazonaws.com send, only from the two rules", () => {
    const rules = ofType(central, "AWS::Events::Rule").map(([name]) => getAtt(name));
    for (const [queueName, policyName] of [["EventsQueue", "EventsQueuePolicy"], ["EventsDeadLetterQueue", "DeadLetterQueuePolicy"]] as const) {
      const policy = central.Resources[policyName]!;
      expect(policy.Type).toBe("AWS::SQS::QueuePolicy");
      expect(policy.Properties.Queues).toEqual([{ Ref: queueName }]);
      expect((policy.Properties.PolicyDocument as { Statement: Json[] }).Statement).toEqual([
        expect.objectContaining({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: getAtt(queueName), Condition: { ArnEquals: { "aws:SourceArn": rules } } }),
      ]);
    }
  });

  it("the central bus lets the member accounts (and only them) put events", () => {
    const policy = central.Resources.CentralBusPolicy!;
    expect(policy.Type).toBe("AWS::Events::EventBusPolicy");
    expect(policy.Properties.Statement).toEqual({ Effect: "Allow", Principal: { AWS: { Ref: "MemberAccountIds" } }, Action: "events:PutEvents", Resource: getAtt("CentralBus") });
    expect(central.Parameters!.MemberAccountIds!.Type).toBe("CommaDelimitedList");
  });

  it("outputs the queue URL the dashboard takes as SFN_TRIAGE_EVENTS_QUEUE_URL and the bus member accounts forward to", () => {
    expect(central.Outputs!.QueueUrl!.Value).toEqual({ Ref: "EventsQueue" });
    expect(central.Outputs!.CentralBusArn!.Value).toEqual(getAtt("CentralBus"));
  });
});

describe("the dashboard's read-only roles", () => {
  const policy = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, "docs", file), "utf8")) as { Statement: { Action: string[] }[] };
  const reads = policy("iam-policy.json").Statement.flatMap((s) => s.Action).sort();
  const events = policy("iam-policy-events.json").Statement.flatMap((s) => s.Action).sort();

  it("central: docs/iam-policy.json's reads plus the SQS actions of event ingest, on the events queue alone", () => {
    const actions = roleActions(central.Resources.DashboardReadOnlyRole!);
    expect(actions.map((a) => a.action).sort()).toEqual([...reads, ...events].sort());
    for (const a of actions.filter((x) => x.action.startsWith("sqs:"))) expect(a.resource).toEqual(getAtt("EventsQueue"));
  });

  it("member: the reads only; its forwarding role may put events on the central bus and nothing else", () => {
    expect(roleActions(member.Resources.DashboardReadOnlyRole!).map((a) => a.action).sort()).toEqual(reads);
    expect(roleActions(member.Resources.ForwardRole!)).toEqual([{ action: "events:PutEvents", resource: { Ref: "CentralBusArn" } }]);
    const [rule] = ofType(member, "AWS::Events::Rule");
    expect(rule![1].Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: "CentralBusArn" }, RoleArn: getAtt("ForwardRole") })]);
  });
});
