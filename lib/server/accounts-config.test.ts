import { describe, expect, it } from "vitest";
import { AccountsConfigError, parseAccounts } from "./config";

const ROLE = "arn:aws:iam::111122223333:role/sfn-triage-read";

function problem(raw: string): string {
  try {
    parseAccounts(raw, ["us-east-1"]);
  } catch (error) {
    expect(error).toBeInstanceOf(AccountsConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${raw}`);
}

describe("parseAccounts (SFN_TRIAGE_ACCOUNTS)", () => {
  it("unset or blank: the default credential chain's one account over the default regions", () => {
    for (const raw of [undefined, "", "  "]) {
      expect(parseAccounts(raw, ["eu-west-1", "us-east-1"])).toEqual([{ accountId: null, name: "default", roleArn: null, externalId: null, regions: ["eu-west-1", "us-east-1"] }]);
    }
  });

  it("reads roles with their regions, names and external ids; the account comes from the role ARN", () => {
    const accounts = parseAccounts(
      JSON.stringify([
        { roleArn: ROLE, regions: ["us-east-1", "eu-west-1", "us-east-1"], name: "payments", externalId: "triage-2026" },
        { roleArn: "arn:aws:iam::444455556666:role/path/sfn-triage-read" },
        { accountId: "123456789012", name: "hub" },
      ]),
      ["ap-southeast-2"],
    );
    expect(accounts).toEqual([
      { accountId: "111122223333", name: "payments", roleArn: ROLE, externalId: "triage-2026", regions: ["us-east-1", "eu-west-1"] },
      { accountId: "444455556666", name: "444455556666", roleArn: "arn:aws:iam::444455556666:role/path/sfn-triage-read", externalId: null, regions: ["ap-southeast-2"] },
      { accountId: "123456789012", name: "hub", roleArn: null, externalId: null, regions: ["ap-southeast-2"] },
    ]);
  });

  it("refuses bad input with a message naming the entry, the field and what was expected", () => {
    expect(problem("roleArn@us-east-1")).toMatch(/^SFN_TRIAGE_ACCOUNTS: is not JSON .*expected \[\{"roleArn"/);
    expect(problem("{}")).toMatch(/the value Invalid input: expected array/);
    expect(problem("[]")).toMatch(/must list at least one account/);
    expect(problem(JSON.stringify([{ roleArn: "arn:aws:iam::1111:role/x" }]))).toMatch(/\[0\]\.roleArn must be an IAM role ARN such as arn:aws:iam::111122223333:role\/sfn-triage-read/);
    expect(problem(JSON.stringify([{ roleArn: ROLE, regions: ["Europe"] }]))).toMatch(/\[0\]\.regions\[0\] must be a region such as eu-west-1/);
    expect(problem(JSON.stringify([{ roleArn: ROLE, regions: [] }]))).toMatch(/\[0\]\.regions must list at least one region/);
    expect(problem(JSON.stringify([{ rolearn: ROLE }]))).toMatch(/Unrecognized key: "rolearn"/);
    expect(problem(JSON.stringify([{ name: "x" }]))).toMatch(/\[0\] needs a roleArn .* or an accountId/);
    expect(problem(JSON.stringify([{ roleArn: ROLE, accountId: "999999999999" }]))).toMatch(/\[0\]\.accountId is 999999999999 but the role belongs to 111122223333/);
    expect(problem(JSON.stringify([{ accountId: "123456789012", externalId: "abc" }]))).toMatch(/\[0\]\.externalId only applies with a roleArn/);
    expect(problem(JSON.stringify([{ roleArn: ROLE, externalId: "a b" }]))).toMatch(/\[0\]\.externalId must be 2 to 1224 characters/);
    expect(problem(JSON.stringify([{ roleArn: ROLE }, { roleArn: ROLE.replace("read", "other") }]))).toMatch(/\[1\] lists account 111122223333 again/);
    expect(problem(JSON.stringify([{ accountId: "123456789012" }, { accountId: "210987654321" }]))).toMatch(/more than one entry without a roleArn/);
  });
});
