import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

// The dashboard only reads: docs/iam-policy.json (copied into the README) must grant exactly the
// actions lib/aws sends — a new command without its permission fails here, not in someone's account.
// The SQS actions of event ingest (receive, delete) are the one exception, granted on the events queue
// alone by docs/iam-policy-events.json and by the read-only role in infra/.

const ROOT = path.resolve(__dirname, "../..");
const AWS_DIR = path.join(ROOT, "lib/aws");
const POLICY_PATH = path.join(ROOT, "docs/iam-policy.json");
const EVENTS_POLICY_PATH = path.join(ROOT, "docs/iam-policy-events.json");
const README_PATH = path.join(ROOT, "README.md");

// IAM service prefix of each SDK client package.
const PREFIX_OF_PACKAGE: Record<string, string> = {
  "@aws-sdk/client-sfn": "states",
  "@aws-sdk/client-cloudwatch": "cloudwatch",
  "@aws-sdk/client-sqs": "sqs",
  "@aws-sdk/client-sts": "sts",
};

// SQS authorises a batch action by its single action (docs/aws-facts-events.md: "You cannot set permissions
// explicitly for … DeleteMessageBatch"): the IAM action a command needs.
const ACTION_OF_COMMAND: Record<string, string> = {
  "sqs:DeleteMessageBatch": "sqs:DeleteMessage",
  "sqs:ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility",
  "sqs:SendMessageBatch": "sqs:SendMessage",
};
// Sent by the dashboard's own identity, not by the read-only role it reads with: the hub's policy in docs/accounts.md.
const HUB_PREFIXES = new Set(["sts"]);
const ACCOUNTS_DOC_PATH = path.join(ROOT, "docs/accounts.md");

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  NotAction?: unknown;
  Condition?: unknown;
}
interface Policy {
  Version: string;
  Statement: Statement[];
}

/** Every `new XxxCommand(` in lib/aws (tests excluded), as IAM actions via the package it was imported from. */
function actionsSentByCode(): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  const files = fs.readdirSync(AWS_DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  for (const file of files) {
    const source = fs.readFileSync(path.join(AWS_DIR, file), "utf8");
    const packageOf = new Map<string, string>();
    for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["'](@aws-sdk\/client-[a-z0-9-]+)["']/g)) {
      for (const raw of match[1]!.split(",")) {
        const name = raw.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!.trim();
        if (name) packageOf.set(name, match[2]!);
      }
    }
    for (const match of source.matchAll(/new\s+([A-Za-z0-9]+)Command\s*\(/g)) {
      const command = `${match[1]}Command`;
      const pkg = packageOf.get(command);
      const prefix = pkg ? PREFIX_OF_PACKAGE[pkg] : undefined;
      if (!prefix) throw new Error(`${file}: ${command} is not imported from a known @aws-sdk client (${pkg ?? "no import"})`);
      const action = ACTION_OF_COMMAND[`${prefix}:${match[1]}`] ?? `${prefix}:${match[1]}`;
      sent.set(action, [...(sent.get(action) ?? []), file]);
    }
  }
  return sent;
}

function readPolicy(file = POLICY_PATH): Policy {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Policy;
}

/**
 * The actions lib/aws sends, split: event ingest's SQS actions (docs/iam-policy-events.json), the hub's
 * sts:AssumeRole (sent by the dashboard's own identity: docs/accounts.md), and the rest (the read-only policy).
 */
function sentActions(): { reads: string[]; events: string[]; hub: string[] } {
  const sent = [...actionsSentByCode().keys()];
  const service = (a: string) => a.split(":")[0]!;
  return {
    reads: sent.filter((a) => service(a) !== "sqs" && !HUB_PREFIXES.has(service(a))).sort(),
    events: sent.filter((a) => service(a) === "sqs").sort(),
    hub: sent.filter((a) => HUB_PREFIXES.has(service(a))).sort(),
  };
}

function grantedActions(policy: Policy): string[] {
  return policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe("docs/iam-policy.json", () => {
  it("grants exactly the actions lib/aws sends (SQS and STS apart)", () => {
    const { reads } = sentActions();
    // Guard against a scan that silently finds nothing.
    expect(reads.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(grantedActions(readPolicy()))].sort()).toEqual(reads);
  });

  it("docs/iam-policy-events.json grants exactly the SQS actions event ingest sends, on one queue", () => {
    const { events } = sentActions();
    expect(events).toEqual(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage"]);
    const policy = readPolicy(EVENTS_POLICY_PATH);
    expect([...new Set(grantedActions(policy))].sort()).toEqual(events);
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe("Allow");
      expect(statement.Resource).toMatch(/^arn:aws:sqs:[^*]+$/);
    }
  });

  it("the hub policy in docs/accounts.md grants what the dashboard's own identity sends (sts:AssumeRole)", () => {
    const { hub } = sentActions();
    expect(hub).toEqual(["sts:AssumeRole"]);
    const doc = fs.readFileSync(ACCOUNTS_DOC_PATH, "utf8");
    const policies = [...doc.matchAll(/```json\s*\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Partial<Policy>).filter((p) => Array.isArray(p.Statement));
    expect(policies.flatMap((p) => grantedActions(p as Policy))).toEqual(expect.arrayContaining(hub));
  });

  it("is read-only: Allow statements of List/Describe/Get actions, no wildcards", () => {
    const policy = readPolicy();
    expect(policy.Version).toBe("2012-10-17");
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe("Allow");
      expect(statement.NotAction).toBeUndefined();
    }
    for (const action of grantedActions(policy)) {
      expect(action).toMatch(/^(states|cloudwatch):(List|Describe|Get)[A-Za-z]+$/);
    }
  });

  it("is the policy the README ships", () => {
    if (!fs.existsSync(README_PATH)) {
      throw new Error("README.md is missing: it must contain docs/iam-policy.json in a ```json block");
    }
    const readme = fs.readFileSync(README_PATH, "utf8");
    const blocks = [...readme.matchAll(/```json\s*\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes('"Statement"'));
    expect(blocks, "README.md has no ```json block with a \"Statement\"").toHaveLength(1);
    expect(JSON.parse(blocks[0]!)).toEqual(readPolicy());
  });
});
