/**
 * Values in a definition that are not yet values: JSONata expressions (filled at run time) and template
 * placeholders (filled at deploy time by CloudFormation/SAM `DefinitionSubstitutions`, `Fn::Sub`, CDK
 * tokens or Terraform `templatefile`). Definitions in repositories are full of the second kind.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{% … %}`: a JSONata expression, evaluated by Step Functions at run time. */
export function isJsonataExpression(value: unknown): boolean {
  return typeof value === "string" && /^\{%[\s\S]*%\}$/.test(value.trim());
}

const PLACEHOLDER = /\$\{[^}]*\}/;

/** An intrinsic function object of a template: `{"Fn::GetAtt": …}`, `{"Fn::Sub": …}`, `{"Ref": …}`. */
export function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0]!.startsWith("Fn::"));
}

/** A value filled in at deploy time: a string holding `${…}`, or an intrinsic function object. */
export function isTemplatePlaceholder(value: unknown): boolean {
  return (typeof value === "string" && PLACEHOLDER.test(value)) || isIntrinsic(value);
}

/**
 * The text a template value will become, with every unknown part written `${…}`: a string as is,
 * `Fn::Sub`'s template, `Fn::Join`'s parts joined, `Ref`/`Fn::GetAtt` as `${Name}`. Null for anything else.
 */
export function templateText(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return value;
  if (!isIntrinsic(value) || depth > 5) return null;
  const [key, arg] = Object.entries(value as Json)[0]!;
  if (key === "Ref") return `\${${String(arg)}}`;
  if (key === "Fn::GetAtt") return `\${${Array.isArray(arg) ? arg.join(".") : String(arg)}}`;
  if (key === "Fn::Sub") return typeof arg === "string" ? arg : Array.isArray(arg) && typeof arg[0] === "string" ? arg[0] : null;
  if (key === "Fn::Join" && Array.isArray(arg) && typeof arg[0] === "string" && Array.isArray(arg[1])) {
    return arg[1].map((part) => templateText(part, depth + 1) ?? "${?}").join(arg[0]);
  }
  return "${?}";
}

/** The text with each `${…}` replaced by a colon-free token, so `arn:${AWS::Partition}:states:…` splits like `arn:aws:states:…`. */
export function withoutPlaceholders(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, "${}");
}

/** True when the whole text is one placeholder (`${LambdaArn}`): nothing about it is known before deploy. */
export function isWholePlaceholder(text: string): boolean {
  return /^\$\{[^}]*\}$/.test(text.trim());
}
