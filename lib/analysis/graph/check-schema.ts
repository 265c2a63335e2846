import aslValidator from "asl-validator";

/** What asl-validator makes of a definition, split by how much to trust it. */
export interface SchemaCheck {
  /** Structural errors AWS also rejects (missing targets, no terminal state, duplicate names…). */
  errors: string[];
  /** JSON-schema complaints: advisory, because the schema rejects some definitions AWS runs (JSONata literals, percentages). */
  notes: string[];
}

/**
 * Runs asl-validator on a parsed definition. Server and CLI only: it pulls ajv, jsonata and jsonpath-plus,
 * too heavy for the browser bundle, where `buildStateGraph`'s own checks stand in. ARNs are not checked
 * (activity and placeholder ARNs fail its pattern); paths are.
 */
export function checkDefinitionSchema(root: object): SchemaCheck {
  // The validator writes QueryLanguage into every state it visits: give it a copy.
  const result = aslValidator(structuredClone(root), { checkPaths: true, checkArn: false });
  const errors: string[] = [];
  const notes: string[] = [];
  for (const e of result.errors) {
    const text = `${e["Error code"]}: ${e.Message}`;
    (e["Error code"] === "SCHEMA_VALIDATION_FAILED" ? notes : errors).push(text);
  }
  return { errors, notes };
}
