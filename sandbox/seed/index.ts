import { PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CreateStateMachineCommand, UpdateStateMachineCommand } from "@aws-sdk/client-sfn";
import { CreateQueueCommand } from "@aws-sdk/client-sqs";
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type MotoClients } from "../aws-clients";
import { batchMap } from "./batch-map";
import { callbackHeartbeat } from "./callback-heartbeat";
import { CALLBACK_QUEUE_NAME, CALLBACK_QUEUE_URL, ONCALL_TOPIC_ARN, SANDBOX_ROLE_ARN, stateMachineArn, type ExpectedOutcome, type Workflow } from "./common";
import { filePipeline } from "./file-pipeline";
import { nightlyExport } from "./nightly-export";
import { orderFlow } from "./order-flow";
import { reportBuilder } from "./report-builder";

export { BIG_MAP_ITEMS, bigBatchInput } from "./batch-map";
export { CALLBACK_QUEUE_NAME, CALLBACK_QUEUE_URL, stateMachineArn } from "./common";
export type { AlarmSpec, ExpectedOutcome, Scenario, Workflow, WorkerBehavior } from "./common";

/** Names of the seeded state machines. */
export const WORKFLOW_NAMES = ["file-pipeline", "report-builder", "order-flow", "callback-heartbeat", "batch-map", "nightly-export"] as const;
/** One of WORKFLOW_NAMES. */
export type WorkflowName = (typeof WORKFLOW_NAMES)[number];

/** Every seeded workflow, in the order they are created. */
export const WORKFLOWS: readonly (Workflow & { name: WorkflowName })[] = [filePipeline, reportBuilder, orderFlow, callbackHeartbeat, batchMap, nightlyExport].map((wf) => {
  if (!(WORKFLOW_NAMES as readonly string[]).includes(wf.name)) throw new Error(`workflow ${wf.name} is missing from WORKFLOW_NAMES`);
  return wf as Workflow & { name: WorkflowName };
});

/** One seeded state machine as tests and the demo see it. */
export interface SeededStateMachine {
  name: string;
  arn: string;
  description: string;
  /** Names of the CloudWatch alarms on its AWS/States metrics (empty: nobody is paged). */
  alarms: string[];
  /** What each traffic scenario is expected to produce. */
  scenarios: { name: string; weight: number; expect: ExpectedOutcome }[];
}

/** One seeded alarm. */
export interface SeededAlarm {
  name: string;
  stateMachineName: string;
  stateMachineArn: string;
  metricName: string;
  threshold: number;
  periodS: number;
  viaMetricsArray: boolean;
}

/** Everything seeded: what tests need to find executions, alarms and the callback queue. */
export interface SeedInfo {
  region: string;
  accountId: string;
  callbackQueueUrl: string;
  stateMachines: Record<WorkflowName, SeededStateMachine>;
  alarms: SeededAlarm[];
  /** State machines no alarm watches (nightly-export's timeouts are the silent ones). */
  unwatched: WorkflowName[];
}

/** The seed as data (ARNs are deterministic), without touching any endpoint. */
export function describeSeed(): SeedInfo {
  const stateMachines = {} as Record<WorkflowName, SeededStateMachine>;
  const alarms: SeededAlarm[] = [];
  for (const wf of WORKFLOWS) {
    const arn = stateMachineArn(wf.name);
    stateMachines[wf.name] = {
      name: wf.name,
      arn,
      description: wf.description,
      alarms: wf.alarms.map((a) => a.name),
      scenarios: wf.scenarios.map((s) => ({ name: s.name, weight: s.weight, expect: s.expect })),
    };
    for (const a of wf.alarms) {
      alarms.push({ name: a.name, stateMachineName: wf.name, stateMachineArn: arn, metricName: a.metricName, threshold: a.threshold, periodS: a.periodS, viaMetricsArray: a.viaMetricsArray ?? false });
    }
  }
  return {
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT_ID,
    callbackQueueUrl: CALLBACK_QUEUE_URL,
    stateMachines,
    alarms,
    unwatched: WORKFLOWS.filter((wf) => wf.alarms.length === 0).map((wf) => wf.name),
  };
}

/** Create the callback queue, the state machines and their alarms in moto; returns describeSeed(). */
export async function seedSandbox(clients: Pick<MotoClients, "sfn" | "sqs" | "cloudwatch">, opts: { dashboardUrl?: string } = {}): Promise<SeedInfo> {
  const dashboardUrl = (opts.dashboardUrl ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
  await clients.sqs.send(new CreateQueueCommand({ QueueName: CALLBACK_QUEUE_NAME }));
  for (const wf of WORKFLOWS) {
    const definition = JSON.stringify(wf.definition);
    try {
      await clients.sfn.send(new CreateStateMachineCommand({ name: wf.name, definition, roleArn: SANDBOX_ROLE_ARN, type: "STANDARD", tags: [{ key: "app", value: "sfn-triage-sandbox" }] }));
    } catch (err) {
      if ((err as { name?: string }).name !== "StateMachineAlreadyExists") throw err;
      await clients.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: stateMachineArn(wf.name), definition }));
    }
  }
  const info = describeSeed();
  for (const alarm of info.alarms) {
    const dimensions = [{ Name: "StateMachineArn", Value: alarm.stateMachineArn }];
    const common = {
      AlarmName: alarm.name,
      AlarmDescription: `${alarm.stateMachineName}: ${alarm.metricName} ≥ ${alarm.threshold} in ${alarm.periodS} s. Triage: ${dashboardUrl}/go?q=${encodeURIComponent(alarm.name)}`,
      ActionsEnabled: true,
      AlarmActions: [ONCALL_TOPIC_ARN],
      EvaluationPeriods: 1,
      Threshold: alarm.threshold,
      ComparisonOperator: "GreaterThanOrEqualToThreshold" as const,
      TreatMissingData: "notBreaching",
    };
    await clients.cloudwatch.send(
      new PutMetricAlarmCommand(
        alarm.viaMetricsArray
          ? { ...common, Metrics: [{ Id: "m1", ReturnData: true, MetricStat: { Metric: { Namespace: "AWS/States", MetricName: alarm.metricName, Dimensions: dimensions }, Period: alarm.periodS, Stat: "Sum" } }] }
          : { ...common, Namespace: "AWS/States", MetricName: alarm.metricName, Dimensions: dimensions, Period: alarm.periodS, Statistic: "Sum" },
      ),
    );
  }
  return info;
}

/** A workflow by name. */
export function workflow(name: WorkflowName): Workflow {
  const found = WORKFLOWS.find((wf) => wf.name === name);
  if (!found) throw new Error(`no seeded workflow ${name}`);
  return found;
}
