/** Why a definition can't be drawn or linted. Each code names one problem; the message names the state. */
export const DEFINITION_ERROR_CODES = [
  "not-json",
  "not-asl",
  "bad-state",
  "missing-target",
  "no-transition",
] as const;
/** One of DEFINITION_ERROR_CODES. */
export type DefinitionErrorCode = (typeof DEFINITION_ERROR_CODES)[number];

/** The only error the graph model and the findings throw on bad input: a code and a one-line message. */
export class DefinitionError extends Error {
  readonly code: DefinitionErrorCode;
  /** Path of the offending state ("Map/Inner"), when one state is to blame. */
  readonly statePath: string | null;

  constructor(code: DefinitionErrorCode, message: string, statePath: string | null = null) {
    super(message);
    this.name = "DefinitionError";
    this.code = code;
    this.statePath = statePath;
  }
}

/** True for errors raised on purpose about the definition (as opposed to bugs). */
export function isDefinitionError(error: unknown): error is DefinitionError {
  return error instanceof DefinitionError;
}

/**
 * Structural problems the reader finds (AWS rejects each at CreateStateMachine). They are findings, not
 * exceptions: one lint run reports all of them. Codes are contracts, like finding codes.
 */
export const STRUCTURAL_CODES = [
  "state-invalid",
  "transition-missing",
  "transition-target-missing",
  "state-unreachable",
  "task-resource-missing",
  "static-and-path-both",
] as const;
/** One of STRUCTURAL_CODES. */
export type StructuralCode = (typeof STRUCTURAL_CODES)[number];

/** One structural problem: which state (null: the definition or a scope), which field, what is wrong. */
export interface DefinitionProblem {
  code: StructuralCode;
  path: string | null;
  /** The field at fault ("Next", "Catch[0].Next", "TimeoutSeconds"…), when one is. */
  field: string | null;
  message: string;
}

const GRAPH_ERROR_CODE: Record<StructuralCode, DefinitionErrorCode> = {
  "state-invalid": "bad-state",
  "transition-missing": "no-transition",
  "transition-target-missing": "missing-target",
  "state-unreachable": "bad-state",
  "task-resource-missing": "bad-state",
  "static-and-path-both": "bad-state",
};

/** The problem as the error buildStateGraph throws (the graph can't draw what AWS would not run). */
export function toDefinitionError(problem: DefinitionProblem): DefinitionError {
  return new DefinitionError(GRAPH_ERROR_CODE[problem.code], problem.message, problem.path);
}
