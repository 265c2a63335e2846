import { buildStateGraphFromReading } from "../graph/build-state-graph";
import type { DefinitionProblem, StructuralCode } from "../graph/definition-error";
import { readAslDefinition, type ReadDefinition } from "../graph/read-definition";
import type { StateGraphModel } from "../graph/state-graph-model";
import { findDataFlowFindings } from "./data-flow-findings";
import { FINDING_CODES, type Finding, type FindingOptions } from "./finding";
import { findMapFindings } from "./map-findings";
import { findRetryFindings } from "./retry-findings";
import { appliesTo } from "./rules";
import { buildStateContexts } from "./state-context";
import { findTaskFindings } from "./task-findings";

const STRUCTURAL_FIXES: Record<StructuralCode, string> = {
  "state-invalid": "Give the state a valid Type and the fields that Type requires (Choices, Branches, ItemProcessor, States).",
  "transition-missing": 'Give the state exactly one of "Next": "<state>" or "End": true.',
  "transition-target-missing": "Name a state of the same scope (a branch or Map processor cannot jump outside itself), or add the missing state.",
  "state-unreachable": "Remove the state, or add a Next, Choice rule or Catch that leads to it.",
  "task-resource-missing": "Set Resource to the integration's ARN (arn:aws:states:::service:action) or the Lambda/activity ARN.",
  "static-and-path-both": "Keep one form: the fixed value, or the …Path that reads it from the input.",
};

/** A structural problem as a finding: AWS rejects the definition, so it is an error with its location. */
export function toStructuralFinding(problem: DefinitionProblem): Finding {
  return { code: problem.code, severity: "error", path: problem.path, field: problem.field, message: problem.message, fix: STRUCTURAL_FIXES[problem.code] };
}

function executionTimeoutMissing(model: StateGraphModel): Finding | null {
  if (model.timeoutSeconds !== null) return null;
  return {
    code: "execution-timeout-missing",
    severity: "warning",
    path: null,
    field: "TimeoutSeconds",
    message: "The state machine has no TimeoutSeconds: a stuck execution keeps RUNNING for up to a year (Standard) and no alarm on failures fires.",
    fix: "Set a top-level TimeoutSeconds above the longest healthy run, and alarm on ExecutionsTimedOut.",
  };
}

/** Findings of a built model, in definition order (recursing into Parallel branches and Map processors). */
export function findModelFindings(model: StateGraphModel, options: FindingOptions = {}): Finding[] {
  const type = options.stateMachineType ?? "STANDARD";
  const observed = options.observed ?? [];
  const findings: Finding[] = [];
  const top = executionTimeoutMissing(model);
  if (top) findings.push(top);
  for (const context of buildStateContexts(model, type)) {
    const own = [...findTaskFindings(context), ...findRetryFindings(context), ...findDataFlowFindings(context), ...findMapFindings(context, observed)];
    own.sort((a, b) => FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
    // Each code says which workflow types it applies to; a state in a Distributed Map's Express children runs as Express.
    findings.push(...own.filter((f) => appliesTo(f.code, context.inExpress ? "EXPRESS" : type)));
  }
  return findings.filter((f) => appliesTo(f.code, type));
}

/** Structural findings first (AWS rejects those), then the risks, of something already read. */
export function findReadingFindings(read: ReadDefinition, options: FindingOptions = {}): Finding[] {
  return [...read.problems.map(toStructuralFinding), ...findModelFindings(buildStateGraphFromReading(read), options)];
}

/**
 * Reads a definition (JSON text, object, DescribeStateMachine output) for what AWS rejects and for the
 * mistakes that fail silently. Throws DefinitionError only when it is not a definition at all (not JSON, no States).
 */
export function findDefinitionFindings(definition: string | object, options: FindingOptions = {}): Finding[] {
  return findReadingFindings(readAslDefinition(definition), options);
}
