type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Longest label drawn on an edge; the full rule goes in the edge's title. */
export const EDGE_LABEL_MAX = 40;

const OPERATORS: [suffix: string, symbol: string][] = [
  ["GreaterThanEquals", ">="],
  ["LessThanEquals", "<="],
  ["GreaterThan", ">"],
  ["LessThan", "<"],
  ["Equals", "=="],
  ["Matches", "matches"],
];

const TESTS: Record<string, string> = {
  IsNull: "null",
  IsPresent: "present",
  IsNumeric: "numeric",
  IsString: "a string",
  IsBoolean: "a boolean",
  IsTimestamp: "a timestamp",
};

function comparison(rule: Json): string | null {
  const variable = typeof rule.Variable === "string" ? rule.Variable : "?";
  for (const [key, value] of Object.entries(rule)) {
    if (key in TESTS) return `${variable} is ${value === false ? "not " : ""}${TESTS[key]}`;
    const match = /^(String|Numeric|Boolean|Timestamp)(\w+?)(Path)?$/.exec(key);
    if (!match) continue;
    const op = OPERATORS.find(([suffix]) => suffix === match[2]);
    if (!op) continue;
    const operand = match[3] ? String(value) : JSON.stringify(value);
    return `${variable} ${op[1]} ${operand}`;
  }
  return null;
}

/** A Choice rule in one line: `$.status == "ok"`, `$.a > 1 && !($.b is null)`, or a JSONata Condition. */
export function describeChoiceRule(rule: unknown): string {
  if (!isObject(rule)) return "?";
  if (rule.Condition !== undefined) {
    const text = typeof rule.Condition === "string" ? rule.Condition : JSON.stringify(rule.Condition);
    return text.replace(/^\{%\s*/, "").replace(/\s*%\}$/, "");
  }
  const group = (items: unknown, joiner: string) =>
    Array.isArray(items) ? items.map((r) => (isObject(r) && (r.And || r.Or) ? `(${describeChoiceRule(r)})` : describeChoiceRule(r))).join(joiner) : "?";
  if (rule.And !== undefined) return group(rule.And, " && ");
  if (rule.Or !== undefined) return group(rule.Or, " || ");
  if (rule.Not !== undefined) return `!(${describeChoiceRule(rule.Not)})`;
  return comparison(rule) ?? "?";
}

/** Cuts a label to EDGE_LABEL_MAX characters with an ellipsis. */
export function shortenLabel(text: string): string {
  return text.length <= EDGE_LABEL_MAX ? text : `${text.slice(0, EDGE_LABEL_MAX - 1)}…`;
}
