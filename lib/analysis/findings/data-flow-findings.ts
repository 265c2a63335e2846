import type { GraphState } from "../graph/state-graph-model";
import type { Finding } from "./finding";
import { targetOf, type StateContext } from "./state-context";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fields whose value is a JSONPath into the state's input. */
const INPUT_PATH_FIELDS = ["InputPath", "ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "MaxConcurrencyPath"];
/** Templates evaluated against the state's input (ResultSelector reads the result, so it is not here). */
const INPUT_TEMPLATES = ["Parameters", "ItemSelector", "Arguments"];
/** What a Catch's error output holds (ASL: the Error Output). */
const ERROR_OUTPUT_FIELDS = new Set(["Error", "Cause"]);

function pathHeads(text: string, into: Set<string>): void {
  for (const match of text.matchAll(/(?<![$\w])\$\.([A-Za-z_][\w-]*)/g)) into.add(match[1]!);
  if (text.trim() === "$") into.add("$");
}

function templateReads(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) templateReads(v, into);
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith(".$") && typeof v === "string") pathHeads(v, into);
    else templateReads(v, into);
  }
}

function choiceReads(rules: unknown, into: Set<string>): void {
  for (const rule of Array.isArray(rules) ? rules : [rules]) {
    if (!isObject(rule)) continue;
    for (const [key, v] of Object.entries(rule)) {
      if ((key === "Variable" || key.endsWith("Path")) && typeof v === "string") pathHeads(v, into);
      if (key === "And" || key === "Or" || key === "Not") choiceReads(v, into);
    }
  }
}

/** Top-level input fields a JSONPath state reads ("$" for the whole input); empty when it reads none it names. */
export function inputFieldsRead(state: GraphState): Set<string> {
  const reads = new Set<string>();
  if (state.queryLanguage !== "JSONPath") return reads;
  const { fields } = state;
  for (const field of INPUT_PATH_FIELDS) if (typeof fields[field] === "string") pathHeads(fields[field] as string, reads);
  for (const field of INPUT_TEMPLATES) templateReads(fields[field], reads);
  if (state.type === "Choice") choiceReads(fields.Choices, reads);
  return reads;
}

function catchResultPathMissing(context: StateContext): Finding[] {
  const { state } = context;
  if (state.queryLanguage !== "JSONPath" || !Array.isArray(state.fields.Catch)) return [];
  const findings: Finding[] = [];
  state.fields.Catch.forEach((raw: unknown, index: number) => {
    if (!isObject(raw) || raw.ResultPath !== undefined || typeof raw.Next !== "string") return;
    const target = targetOf(context, raw.Next);
    // A Fail or Succeed state needs nothing from the input; an unknown target is a structural finding already.
    if (!target || target.type === "Fail" || target.type === "Succeed") return;
    const lost = [...inputFieldsRead(target)].filter((f) => f !== "$" && !ERROR_OUTPUT_FIELDS.has(f));
    findings.push({
      code: "catch-resultpath-missing",
      severity: lost.length > 0 ? "warning" : "info",
      path: state.path,
      field: `Catch[${index}].ResultPath`,
      message:
        `Catch #${index + 1} of "${state.name}" has no ResultPath: "${target.name}" receives only {Error, Cause}, the state's input is gone` +
        (lost.length > 0 ? `, yet "${target.name}" reads ${lost.map((f) => `$.${f}`).join(", ")}.` : "."),
      fix: 'Add "ResultPath": "$.error" to the Catch so the handler gets the input with the error beside it.',
      data: { catcher: index, next: target.name, fieldsLost: lost.join(",") || null },
    });
  });
  return findings;
}

/** What lambda:invoke returns when nothing selects from it (the function's answer sits under Payload). */
const INVOKE_RESULT_FIELDS = new Set(["Payload", "StatusCode", "ExecutedVersion", "SdkHttpMetadata", "SdkResponseMetadata", "FunctionError", "LogResult"]);

/**
 * How sure we are that the field is gone: certain for an unselected lambda:invoke (its result is the invoke
 * response); a maybe for a function's own answer (functions often hand their event back) and for any other
 * service (a Get…Job response often carries a field named like the input's, as polling loops rely on).
 */
function certainty(state: GraphState): "certain" | "function" | "service" {
  if (state.task?.service !== "lambda") return "service";
  const invoke = state.task.resource.includes(":states:::lambda:invoke");
  return invoke && state.fields.OutputPath === undefined && state.fields.ResultSelector === undefined ? "certain" : "function";
}

/**
 * Omitted ResultPath and "$" behave alike: the result replaces the input. That is the default and how most
 * workflows pass data on, so this fires only on evidence: the next state reads an input field that this
 * state also read from its input and whose result (ResultSelector, OutputPath) does not name it. A warning
 * only when the field is certainly gone; info when the result may carry it.
 */
function resultPathOverwrites(context: StateContext): Finding | null {
  const { state } = context;
  if (state.type !== "Task" || state.queryLanguage !== "JSONPath") return null;
  const resultPath = state.fields.ResultPath;
  if (resultPath !== undefined && resultPath !== "$") return null;
  const next = typeof state.fields.Next === "string" ? targetOf(context, state.fields.Next) : undefined;
  if (!next) return null;
  const own = inputFieldsRead(state);
  const selected = isObject(state.fields.ResultSelector) ? Object.keys(state.fields.ResultSelector).map((k) => k.replace(/\.\$$/, "")) : [];
  const sure = certainty(state);
  const lost = [...inputFieldsRead(next)].filter((f) => f !== "$" && own.has(f) && !selected.includes(f) && !(sure === "certain" && INVOKE_RESULT_FIELDS.has(f)));
  const outputPath = state.fields.OutputPath;
  const reshaped = outputPath !== undefined && outputPath !== "$" && outputPath !== "$.Payload";
  if (lost.length === 0 || reshaped) return null;
  const written = resultPath === "$" ? 'has ResultPath "$"' : "has no ResultPath";
  const doubt = { certain: ".", function: " (fine only if the function returns it).", service: " (fine only if the service's response has a field of that name)." }[sure];
  return {
    code: "resultpath-overwrites-input",
    severity: sure === "certain" ? "warning" : "info",
    path: state.path,
    field: "ResultPath",
    message: `Task "${state.name}" ${written}, so its result replaces its input, yet the next state "${next.name}" reads ${lost.map((f) => `$.${f}`).join(", ")} from the input${doubt}`,
    fix: 'Put the result under a field ("ResultPath": "$.result"), or keep what you need with ResultSelector.',
    data: { next: next.name, fieldsLost: lost.join(",") },
  };
}

/** Findings about how data flows out of a state: Catch without ResultPath, a result replacing input still needed. */
export function findDataFlowFindings(context: StateContext): Finding[] {
  const overwrite = resultPathOverwrites(context);
  return [...catchResultPathMissing(context), ...(overwrite ? [overwrite] : [])];
}
