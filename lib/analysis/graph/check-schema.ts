import aslValidator from "asl-validator";

/** One complaint of asl-validator, with where it points in the definition. */
export interface SchemaComplaint {
  code: string;
  message: string;
  /** JSON pointer into the definition ("/States/A/Next"), when the validator gives one. */
  pointer: string | null;
}

/** What asl-validator makes of a definition, split by how much to trust it. */
export interface SchemaCheck {
  /** Structural errors AWS also rejects (missing targets, no terminal state, duplicate names…). */
  errors: SchemaComplaint[];
  /** JSON-schema complaints: advisory, because the schema rejects some definitions AWS runs (JSONata literals, percentages, placeholders). */
  notes: SchemaComplaint[];
}

/**
 * Runs asl-validator on a parsed definition. Server and CLI only: it pulls ajv, jsonata and jsonpath-plus,
 * too heavy for the browser bundle, and compiles its schemas on every call (about half a second).
 * ARNs are not checked (activity and placeholder ARNs fail its pattern); paths are.
 */
export function checkDefinitionSchema(root: object): SchemaCheck {
  let result: ReturnType<typeof aslValidator>;
  try {
    // The validator writes QueryLanguage into every state it visits: give it a copy.
    result = aslValidator(structuredClone(root), { checkPaths: true, checkArn: false });
  } catch (error) {
    // It throws on some malformed definitions (a state that is a string); the reader reports those itself.
    return { errors: [], notes: [{ code: "VALIDATOR_FAILED", message: error instanceof Error ? error.message : String(error), pointer: null }] };
  }
  const errors: SchemaComplaint[] = [];
  const notes: SchemaComplaint[] = [];
  for (const e of result.errors) {
    const complaint = { code: e["Error code"], message: e.Message, pointer: e.schemaError?.instancePath || null };
    (e["Error code"] === "SCHEMA_VALIDATION_FAILED" ? notes : errors).push(complaint);
  }
  return { errors, notes };
}
