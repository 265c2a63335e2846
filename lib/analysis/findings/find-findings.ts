import { buildStateGraph } from "../graph/build-state-graph";
import type { StateGraphModel } from "../graph/state-graph-model";
import { FINDING_CODES, type Finding, type FindingOptions } from "./finding";
import { findMapFindings } from "./map-findings";
import { findRetryFindings } from "./retry-findings";
import { buildStateContexts } from "./state-context";
import { findTaskFindings } from "./task-findings";

function executionTimeoutMissing(model: StateGraphModel, options: FindingOptions): Finding | null {
  // Express executions end at 5 minutes whatever the definition says.
  if (model.timeoutSeconds !== null || options.stateMachineType === "EXPRESS") return null;
  return {
    code: "execution-timeout-missing",
    severity: "warning",
    path: null,
    message: "The state machine has no TimeoutSeconds: a stuck execution keeps RUNNING for up to a year (Standard) and no alarm on failures fires.",
    fix: "Set a top-level TimeoutSeconds above the longest healthy run, and alarm on ExecutionsTimedOut.",
  };
}

/** Findings of a built model, in definition order (recursing into Parallel branches and Map processors). */
export function findModelFindings(model: StateGraphModel, options: FindingOptions = {}): Finding[] {
  const observed = options.observed ?? [];
  const findings: Finding[] = [];
  const top = executionTimeoutMissing(model, options);
  if (top) findings.push(top);
  for (const context of buildStateContexts(model, options.stateMachineType)) {
    const own = [...findTaskFindings(context), ...findRetryFindings(context), ...findMapFindings(context, observed)];
    own.sort((a, b) => FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
    findings.push(...own);
  }
  return findings;
}

/**
 * Reads a definition (JSON text, object, DescribeStateMachine output) for the mistakes that fail silently.
 * Throws DefinitionError when it is not a definition at all.
 */
export function findDefinitionFindings(definition: string | object, options: FindingOptions = {}): Finding[] {
  return findModelFindings(buildStateGraph(definition), options);
}
