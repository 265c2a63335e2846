import { checkDefinitionSchema, type SchemaComplaint } from "../graph/check-schema";
import { readAslDefinition } from "../graph/read-definition";
import { isJsonataExpression, isTemplatePlaceholder } from "../graph/template-values";
import type { Finding, FindingOptions, WorkflowType } from "./finding";
import { findReadingFindings } from "./find-findings";
import { locatePointer } from "./json-positions";

/** What a lint takes: the findings' options, and whether to run asl-validator (on by default). */
export interface LintOptions extends FindingOptions {
  schema?: boolean;
  /**
   * The definition is deployed (DescribeStateMachine, describe-state-machine output, a recorded execution's):
   * AWS has already accepted it, so asl-validator could only add its own false positives, at half a second each.
   */
  deployed?: boolean;
}

/** One definition's lint: findings (structural first), and what it assumed. */
export interface LintResult {
  findings: Finding[];
  stateMachineType: WorkflowType;
  queryLanguage: "JSONPath" | "JSONata";
}

/** asl-validator codes our own reader already reports as structural findings (one problem, one finding). */
const ALREADY_REPORTED = new Set(["MISSING_TRANSITION_TARGET", "BRANCH_OUTBOUND_TRANSITION_TARGET", "MAP_OUTBOUND_TRANSITION_TARGET", "TERMINAL_STATE_WITH_NEXT", "TASK_TIMEOUT", "TASK_HEARTBEAT", "MAP_ITEM_PROCESSOR"]);

function valueAt(root: unknown, pointer: string | null): unknown {
  let value = root;
  for (const part of (pointer ?? "").split("/").slice(1)) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function schemaFindings(root: object, alreadyStructural: boolean): Finding[] {
  const check = checkDefinitionSchema(root);
  const findings: Finding[] = [];
  for (const complaint of check.errors) {
    if (ALREADY_REPORTED.has(complaint.code) || (alreadyStructural && complaint.code === "MISSING_TERMINAL_STATE")) continue;
    findings.push(toFinding(complaint, "error"));
  }
  for (const complaint of check.notes) {
    if (complaint.code === "VALIDATOR_FAILED") continue;
    // The schema cannot know deploy-time placeholders or run-time JSONata: those are not problems.
    const value = valueAt(root, complaint.pointer);
    if (isTemplatePlaceholder(value) || isJsonataExpression(value)) continue;
    // The schema rejects some definitions AWS runs (intrinsics in ResultSelector, on 8 of 192 public samples): info at most.
    findings.push(toFinding(complaint, "info"));
  }
  return findings;
}

function toFinding(complaint: SchemaComplaint, severity: "error" | "info"): Finding {
  const { path, field } = locatePointer(complaint.pointer);
  return {
    code: "schema-invalid",
    severity,
    path,
    field,
    message: `asl-validator ${complaint.code}: ${complaint.message}${severity === "info" ? " (the ASL schema is stricter than AWS in places: check before trusting it)" : ""}`,
    fix: severity === "error" ? "Fix the definition as the message says; AWS rejects it at CreateStateMachine." : "Check the field against the Amazon States Language specification.",
    data: { validatorCode: complaint.code, pointer: complaint.pointer },
  };
}

/**
 * The whole lint of one definition, as the CLI and the dashboard both run it: structural problems,
 * asl-validator's complaints, then the risks, for the given workflow type. Server and CLI only (asl-validator).
 * Throws DefinitionError only when it is not a definition at all.
 */
export function lintDefinition(definition: string | object, options: LintOptions = {}): LintResult {
  const read = readAslDefinition(definition);
  const findings = findReadingFindings(read, options);
  const schema = options.schema === false || options.deployed === true ? [] : schemaFindings(read.root, read.problems.length > 0);
  const structural = findings.filter((f) => f.severity === "error" && read.problems.some((p) => p.code === f.code));
  return {
    findings: [...structural, ...schema, ...findings.filter((f) => !structural.includes(f))],
    stateMachineType: options.stateMachineType ?? "STANDARD",
    queryLanguage: read.queryLanguage,
  };
}
