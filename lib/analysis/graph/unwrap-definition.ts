import { DefinitionError } from "./definition-error";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Parses JSON text, or throws a DefinitionError whose message says where it broke. */
export function parseJsonText(text: string, what = "The definition"): unknown {
  if (text.trim() === "") throw new DefinitionError("not-json", `${what} is empty.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(detail);
    const where = position && !/line \d+/.test(detail) ? ` (${lineAndColumn(text, Number(position[1]))})` : "";
    throw new DefinitionError("not-json", `${what} is not valid JSON: ${detail}${where}.`);
  }
}

/**
 * The ASL object from what people paste: the definition itself, a DescribeStateMachine response
 * (`definition` is a JSON *string* there), or a recorded fixture with the same field. Throws only when it
 * is not a definition at all (no `States` object); everything else is a problem the reader reports.
 */
export function unwrapDefinition(value: unknown): Json {
  if (isObject(value) && !("States" in value) && "definition" in value) {
    const inner = value.definition;
    if (typeof inner === "string") return unwrapDefinition(parseJsonText(inner, "The `definition` string"));
    if (isObject(inner)) return unwrapDefinition(inner);
    throw new DefinitionError("not-asl", "The `definition` field is neither a JSON string nor an object.");
  }
  if (!isObject(value)) {
    throw new DefinitionError("not-asl", `The definition is ${Array.isArray(value) ? "an array" : `a ${value === null ? "null" : typeof value}`}, not an Amazon States Language object.`);
  }
  if (!isObject(value.States)) {
    throw new DefinitionError("not-asl", "The definition has no `States` object: it is not Amazon States Language.");
  }
  return value;
}

/** Text or object in, the ASL root object out (throws DefinitionError when it is not a definition). */
export function readDefinition(definition: string | object): Json {
  return unwrapDefinition(typeof definition === "string" ? parseJsonText(definition) : definition);
}
