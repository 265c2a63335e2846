import type { FindingCode, WorkflowType } from "./finding";

/** What each code is about, which workflow types it applies to, and the AWS page it rests on. */
export interface FindingRule {
  title: string;
  appliesTo: readonly WorkflowType[];
  docs: string;
}

const BOTH = ["STANDARD", "EXPRESS"] as const;
const STANDARD = ["STANDARD"] as const;
const GUIDE = "https://docs.aws.amazon.com/step-functions/latest/dg";

/** Every code's rule. A test holds every finding to its code's `appliesTo`. */
export const FINDING_RULES: Record<FindingCode, FindingRule> = {
  "state-invalid": { title: "State AWS cannot read", appliesTo: BOTH, docs: `${GUIDE}/statemachine-structure.html` },
  "transition-missing": { title: "State with neither Next nor End", appliesTo: BOTH, docs: `${GUIDE}/statemachine-structure.html` },
  "transition-target-missing": { title: "Transition to a state that does not exist", appliesTo: BOTH, docs: `${GUIDE}/statemachine-structure.html` },
  "state-unreachable": { title: "State never reached", appliesTo: BOTH, docs: `${GUIDE}/statemachine-structure.html` },
  "task-resource-missing": { title: "Task with no Resource", appliesTo: BOTH, docs: `${GUIDE}/state-task.html` },
  "static-and-path-both": { title: "Field given both as a value and as a Path", appliesTo: BOTH, docs: `${GUIDE}/state-task.html` },
  "schema-invalid": { title: "Definition rejected by the ASL schema", appliesTo: BOTH, docs: "https://states-language.net/spec.html" },
  "express-integration-unsupported": {
    title: "Integration pattern Express workflows do not run",
    appliesTo: ["EXPRESS"],
    docs: `${GUIDE}/choosing-workflow-type.html`,
  },
  "execution-timeout-missing": { title: "No execution timeout", appliesTo: STANDARD, docs: `${GUIDE}/statemachine-structure.html` },
  "task-timeout-missing": { title: "Task with no TimeoutSeconds", appliesTo: STANDARD, docs: `${GUIDE}/sfn-best-practices.html#use-timeouts-to-avoid-stuck-executions` },
  "heartbeat-missing": { title: "Long-waiting Task with no HeartbeatSeconds", appliesTo: STANDARD, docs: `${GUIDE}/connect-to-resource.html#connect-wait-token` },
  "heartbeat-not-below-timeout": { title: "HeartbeatSeconds not below TimeoutSeconds", appliesTo: BOTH, docs: `${GUIDE}/state-task.html` },
  "timeout-not-retried": { title: "Timeout that no retrier names", appliesTo: BOTH, docs: `${GUIDE}/concepts-error-handling.html` },
  "lambda-retry-missing": { title: "Lambda Task that does not retry transient Lambda errors", appliesTo: BOTH, docs: `${GUIDE}/sfn-best-practices.html#bp-lambda-serviceexception` },
  "retry-wait-excessive": { title: "Retrier that can wait longer than the execution may run", appliesTo: BOTH, docs: `${GUIDE}/concepts-error-handling.html#error-handling-retrying-after-an-error` },
  "task-uncaught": { title: "Task whose errors end the execution", appliesTo: BOTH, docs: `${GUIDE}/concepts-error-handling.html#error-handling-fallback-states` },
  "catch-resultpath-missing": { title: "Catch that replaces the input with the error", appliesTo: BOTH, docs: `${GUIDE}/input-output-resultpath.html#input-output-resultpath-catch` },
  "resultpath-overwrites-input": { title: "Result replaces input a later state reads", appliesTo: BOTH, docs: `${GUIDE}/input-output-resultpath.html` },
  "inline-map-history-risk": { title: "Inline Map heading for the 25,000-event history cap", appliesTo: STANDARD, docs: `${GUIDE}/service-quotas.html#service-limits-state-machine-executions` },
  "map-concurrency-unbounded": { title: "Map with unbounded concurrency", appliesTo: BOTH, docs: `${GUIDE}/state-map.html` },
};

/** True when the code applies to a state machine of this type. */
export function appliesTo(code: FindingCode, type: WorkflowType): boolean {
  return FINDING_RULES[code].appliesTo.includes(type);
}
