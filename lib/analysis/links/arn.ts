/**
 * Step Functions ARNs, parsed strictly. Shapes from AWS-FACTS.md (ARNs and console links):
 * `arn:{partition}:states:{region}:{account}:` + stateMachine / execution / express / mapRun / activity.
 */

/** What kind of Step Functions resource an ARN names. */
export type StatesArnKind =
  | "state-machine"
  | "state-machine-qualified"
  | "execution"
  | "express-execution"
  | "map-run"
  | "map-run-execution"
  | "activity";

/** A parsed Step Functions ARN. `stateMachineArn` is the unqualified state machine it belongs to. */
export interface StatesArn {
  arn: string;
  kind: StatesArnKind;
  partition: "aws" | "aws-cn" | "aws-us-gov";
  region: string;
  account: string;
  stateMachineName: string | null;
  stateMachineArn: string | null;
  /** Version number or alias name of a qualified state machine ARN. */
  qualifier: string | null;
  executionName: string | null;
  mapRunLabel: string | null;
}

/** Why a string is not a usable Step Functions ARN; `expected` is shown to the user. */
export class ArnError extends Error {
  readonly expected =
    "arn:aws:states:{region}:{account}:stateMachine:{name} or arn:aws:states:{region}:{account}:execution:{stateMachine}:{execution}";
  constructor(message: string) {
    super(message);
    this.name = "ArnError";
  }
}

// Map Run ARNs may reach 2,000 characters; every other Step Functions ARN at most 256.
const MAX_ARN_CHARS = 2000;
const MAX_PLAIN_ARN_CHARS = 256;
const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov"]);
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const ACCOUNT = /^\d{12}$/;
// Names: 1-80 chars, no whitespace, brackets, wildcards or control characters (SFN naming rules).
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;

function checkName(value: string | undefined, what: string): string {
  if (value === undefined || !NAME.test(value)) throw new ArnError(`The ${what} name "${value ?? ""}" is not a valid Step Functions name.`);
  return value;
}

/** Parses any Step Functions ARN; throws ArnError naming the first thing that is wrong. */
export function parseStatesArn(input: string): StatesArn {
  const arn = input.trim();
  if (arn.length === 0) throw new ArnError("The ARN is empty.");
  if (arn.length > MAX_ARN_CHARS) throw new ArnError(`The ARN is ${arn.length} characters long; AWS allows at most ${MAX_ARN_CHARS}.`);
  const parts = arn.split(":");
  // Other services' ARNs may have only six parts (SNS, SQS, S3): name their service before counting parts.
  if (parts[0] !== "arn" || parts.length < 6) throw new ArnError("This is not an ARN: it must look like arn:{partition}:{service}:{region}:{account}:{resource}.");
  const [, partition, service, region, account, resourceType, ...rest] = parts as [string, string, string, string, string, string, ...string[]];
  if (!PARTITIONS.has(partition)) throw new ArnError(`Unknown partition "${partition}"; expected aws, aws-cn or aws-us-gov.`);
  if (service !== "states") throw new ArnError(`This is an ARN of the "${service}" service, not of Step Functions (states).`);
  if (parts.length < 7) throw new ArnError("A Step Functions ARN ends with {resourceType}:{name}, e.g. :stateMachine:{name}.");
  if (!REGION.test(region)) throw new ArnError(`"${region}" is not an AWS region.`);
  if (!ACCOUNT.test(account)) throw new ArnError(`"${account}" is not a 12-digit AWS account id.`);
  if (resourceType !== "mapRun" && resourceType !== "execution" && arn.length > MAX_PLAIN_ARN_CHARS) {
    throw new ArnError(`The ARN is ${arn.length} characters long; AWS allows at most ${MAX_PLAIN_ARN_CHARS}.`);
  }
  const base = { arn, partition: partition as StatesArn["partition"], region, account };
  const prefix = `arn:${partition}:states:${region}:${account}:`;
  const none = { stateMachineName: null, stateMachineArn: null, qualifier: null, executionName: null, mapRunLabel: null };

  switch (resourceType) {
    case "stateMachine": {
      const name = checkName(rest[0], "state machine");
      if (rest.length > 2) throw new ArnError("A state machine ARN has at most a name and a version or alias.");
      const smArn = `${prefix}stateMachine:${name}`;
      if (rest.length === 2) {
        const qualifier = checkName(rest[1], "version or alias");
        return { ...base, ...none, kind: "state-machine-qualified", stateMachineName: name, stateMachineArn: smArn, qualifier };
      }
      return { ...base, ...none, kind: "state-machine", stateMachineName: name, stateMachineArn: smArn };
    }
    case "execution": {
      if (rest.length !== 2) throw new ArnError("An execution ARN ends with :execution:{stateMachine}:{execution}.");
      const [smPart, executionName] = rest as [string, string];
      checkName(executionName, "execution");
      const slash = smPart.indexOf("/");
      const name = checkName(slash < 0 ? smPart : smPart.slice(0, slash), "state machine");
      const smArn = `${prefix}stateMachine:${name}`;
      if (slash >= 0) {
        // A Map Run child: execution:{sm}/{label}:{id}.
        const label = smPart.slice(slash + 1);
        if (label.length === 0) throw new ArnError("The Map Run label is empty.");
        return { ...base, ...none, kind: "map-run-execution", stateMachineName: name, stateMachineArn: smArn, executionName, mapRunLabel: label };
      }
      return { ...base, ...none, kind: "execution", stateMachineName: name, stateMachineArn: smArn, executionName };
    }
    case "express": {
      if (rest.length !== 3) throw new ArnError("An Express execution ARN ends with :express:{stateMachine}:{execution}:{id}.");
      const name = checkName(rest[0], "state machine");
      checkName(rest[2], "Express execution id");
      return { ...base, ...none, kind: "express-execution", stateMachineName: name, stateMachineArn: `${prefix}stateMachine:${name}`, executionName: checkName(rest[1], "execution") };
    }
    case "mapRun": {
      if (rest.length !== 2) throw new ArnError("A Map Run ARN ends with :mapRun:{stateMachine}/{label}:{id}.");
      const [smPart, mapRunId] = rest as [string, string];
      const slash = smPart.indexOf("/");
      if (slash < 0) throw new ArnError("A Map Run ARN names its state machine and label as {stateMachine}/{label}.");
      const name = checkName(smPart.slice(0, slash), "state machine");
      const label = smPart.slice(slash + 1);
      if (label.length === 0) throw new ArnError("The Map Run label is empty.");
      checkName(mapRunId, "Map Run id");
      return { ...base, ...none, kind: "map-run", stateMachineName: name, stateMachineArn: `${prefix}stateMachine:${name}`, mapRunLabel: label };
    }
    case "activity":
      if (rest.length !== 1) throw new ArnError("An activity ARN ends with :activity:{name}.");
      checkName(rest[0], "activity");
      return { ...base, ...none, kind: "activity" };
    default:
      throw new ArnError(`"${resourceType}" is not a Step Functions resource type (stateMachine, execution, express, mapRun, activity).`);
  }
}

/** Parses, returning null instead of throwing (for filters and lists). */
export function tryParseStatesArn(input: string): StatesArn | null {
  try {
    return parseStatesArn(input);
  } catch {
    return null;
  }
}
