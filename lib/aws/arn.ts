// Pure helper: also used by the CLI, so no "server-only" here.
import { AwsError } from "./errors";

// arn:{partition}:{service}:{region}:{account}:{resource…} — the resource part may hold more colons.
const ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):[a-z0-9-]+:([a-z0-9-]+):\d{12}:.+$/;

/** The region an ARN lives in ("arn:aws:states:eu-west-1:…" → "eu-west-1"); throws invalid-input otherwise. */
export function regionOfArn(arn: string): string {
  const match = ARN_PATTERN.exec(arn);
  if (!match?.[2]) {
    throw new AwsError("invalid-input", "regionOfArn", `regionOfArn: not a regional ARN: ${JSON.stringify(arn.slice(0, 300))}`);
  }
  return match[2];
}

/** The account an ARN belongs to ("arn:aws:states:eu-west-1:111122223333:…" → "111122223333"); throws invalid-input otherwise. */
export function accountOfArn(arn: string): string {
  const parts = arn.split(":");
  if (!ARN_PATTERN.test(arn) || !parts[4]) {
    throw new AwsError("invalid-input", "accountOfArn", `accountOfArn: not a regional ARN: ${JSON.stringify(arn.slice(0, 300))}`);
  }
  return parts[4];
}
