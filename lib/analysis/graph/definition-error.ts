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
