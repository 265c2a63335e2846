import { afterEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { assumeRoleProvider, credentialsFor, REFRESH_BEFORE_EXPIRY_MS, setWatchedAccounts, type WatchedAccount } from "./accounts";

const ROLE = "arn:aws:iam::111122223333:role/sfn-triage-read";
const ACCOUNT: WatchedAccount & { roleArn: string } = { accountId: "111122223333", name: "payments", roleArn: ROLE, externalId: "ext-1", regions: ["eu-west-1"] };
const T0 = Date.parse("2026-12-01T10:00:00Z");
const HOUR = 3_600_000;

const sts = mockClient(STSClient);
afterEach(() => {
  sts.reset();
  setWatchedAccounts([]);
});

function session(n: number, expiresAtMs: number) {
  return { Credentials: { AccessKeyId: `ASIA${n}`, SecretAccessKey: `secret-${n}`, SessionToken: `token-${n}`, Expiration: new Date(expiresAtMs) } };
}

describe("assumeRoleProvider", () => {
  it("assumes the role once per session, with the external id, and renews it before it expires (fake clock)", async () => {
    let now = T0;
    sts.on(AssumeRoleCommand).resolvesOnce(session(1, T0 + HOUR)).resolvesOnce(session(2, T0 + 2 * HOUR));
    const provider = assumeRoleProvider(ACCOUNT, { now: () => now, sts: () => new STSClient({ region: "eu-west-1" }) });

    expect((await provider()).accessKeyId).toBe("ASIA1");
    now = T0 + HOUR - REFRESH_BEFORE_EXPIRY_MS - 1_000; // still more than the margin left: the same session
    expect((await Promise.all([provider(), provider()])).map((c) => c.accessKeyId)).toEqual(["ASIA1", "ASIA1"]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);

    now = T0 + HOUR - REFRESH_BEFORE_EXPIRY_MS + 1_000; // inside the margin, before the expiry: renewed
    const [a, b] = await Promise.all([provider(), provider()]);
    expect([a.accessKeyId, b.accessKeyId]).toEqual(["ASIA2", "ASIA2"]);
    expect(now).toBeLessThan(T0 + HOUR);
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(2); // the two concurrent callers shared one AssumeRole
    expect(calls[0]!.args[0].input).toMatchObject({ RoleArn: ROLE, ExternalId: "ext-1", RoleSessionName: "sfn-triage", DurationSeconds: 3600 });
  });

  it("a role that can't be assumed fails with 'Could not assume arn:…: AccessDenied', and is asked again only after a growing backoff", async () => {
    let now = T0;
    const denied = Object.assign(new Error("User: arn:aws:sts::123456789012:assumed-role/hub/x is not authorized to perform: sts:AssumeRole on resource: " + ROLE), {
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
      $fault: "client",
    });
    sts.on(AssumeRoleCommand).rejects(denied);
    const provider = assumeRoleProvider(ACCOUNT, { now: () => now, sts: () => new STSClient({ region: "eu-west-1" }) });

    await expect(provider()).rejects.toMatchObject({ kind: "access-denied", operation: "AssumeRole", message: expect.stringMatching(/^Could not assume arn:aws:iam::111122223333:role\/sfn-triage-read: AccessDenied: User: .* is not authorized/) });
    now += 4_000; // inside the first 5 s backoff: the remembered error, no call
    await expect(provider()).rejects.toMatchObject({ kind: "access-denied" });
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    now += 2_000; // past it: asked again, and the next backoff is 10 s
    await expect(provider()).rejects.toMatchObject({ kind: "access-denied" });
    now += 9_000;
    await expect(provider()).rejects.toMatchObject({ kind: "access-denied" });
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);

    sts.reset();
    sts.on(AssumeRoleCommand).resolves(session(3, now + HOUR)); // the trust policy was fixed
    now += 2_000;
    expect((await provider()).accessKeyId).toBe("ASIA3");
  });

  it("serves every client of an account one provider; accounts without a role use the default chain", () => {
    setWatchedAccounts([ACCOUNT, { accountId: "123456789012", name: "hub", roleArn: null, externalId: null, regions: ["us-east-1"] }]);
    const provider = credentialsFor("111122223333");
    expect(provider).toBeTypeOf("function");
    expect(credentialsFor("111122223333")).toBe(provider);
    expect(credentialsFor("123456789012")).toBeUndefined();
  });
});
