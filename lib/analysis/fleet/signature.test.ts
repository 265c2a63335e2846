import { describe, expect, it } from "vitest";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { buildSignatureId, MAX_NORMALISED_CAUSE_CHARS, normaliseCause, toBaseStateMachineArn, toSignatureParts } from "./signature";

/** Every cause string any event of any recorded history carries. */
function recordedCauses(): string[] {
  const causes = new Set<string>();
  for (const fixture of loadFixtures()) {
    for (const event of fixture.events as unknown as Record<string, unknown>[]) {
      for (const [key, details] of Object.entries(event)) {
        if (!key.endsWith("EventDetails") || typeof details !== "object" || details === null) continue;
        const cause = (details as { cause?: unknown }).cause;
        if (typeof cause === "string") causes.add(cause);
      }
    }
  }
  return [...causes];
}

const SM = "arn:aws:states:eu-west-1:123456789012:stateMachine:orders";

describe("normaliseCause on every recorded cause", () => {
  const causes = recordedCauses();

  it("finds the recorded causes (the fixtures are there)", () => {
    expect(causes.length).toBeGreaterThan(50);
  });

  it.each(causes.map((c) => [c.slice(0, 60), c]))("%s… is stable, bounded and free of ids", (_label, cause) => {
    const once = normaliseCause(cause);
    expect(normaliseCause(once)).toBe(once);
    expect(once.length).toBeLessThanOrEqual(MAX_NORMALISED_CAUSE_CHARS);
    expect(once).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(once).not.toMatch(/arn:aws/);
    // No digit survives except an HTTP status code that says which failure it was.
    // Digits may remain only where they end a name (S3, ec2, IPv4).
    expect(once.replace(/status[ _-]?code["']?\s*[:=]?\s*\d{3}/gi, "")).not.toMatch(/(?<![A-Za-z\d])\d/);
    // Placeholders replace variable parts; the words that say what happened stay.
    if (/[a-z]{4,}/i.test(cause)) expect(once).toMatch(/[a-z]{4,}/i);
  });

  it("keeps recorded causes that differ in meaning apart", () => {
    const distinct = new Set(causes.map(normaliseCause));
    // Normalising merges only variants; the recorded suite has dozens of different failures.
    expect(distinct.size).toBeGreaterThan(causes.length * 0.6);
  });

  it("names the state and event id placeholder in the interpreter's wording", () => {
    const cause = causes.find((c) => c.startsWith("An error occurred while executing the state 'WaitState' (entered at the event id #2)"));
    expect(cause).toBeDefined();
    expect(normaliseCause(cause)).toMatch(/^An error occurred while executing the state 'WaitState' \(entered at the event id #<n>\)\./);
  });
});

describe("normaliseCause on hand-written variants", () => {
  const lambda = (requestId: string, line: number) =>
    JSON.stringify({ errorMessage: "Connection to db-7 timed out after 3000 ms", errorType: "TimeoutError", requestId, stackTrace: [`  File "/var/task/handler.py", line ${line}, in handler`] });

  it("merges Lambda errors that differ only by request id, host number, duration and line", () => {
    const a = normaliseCause(lambda("3f0c9f5e-8a51-4b5e-9d8e-0f6f7c1d2a3b", 12));
    const b = normaliseCause(lambda("a1b2c3d4-0000-4111-8222-333344445555", 14));
    expect(a).toBe(b);
    expect(a).toContain("TimeoutError");
    expect(a).toContain('"requestId":"<id>"');
  });

  it("merges S3 errors with different request ids but keeps the status code", () => {
    const s3 = (id: string, ext: string) => `The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ${id}, Extended Request ID: ${ext})`;
    const a = normaliseCause(s3("1X2Y3Z4W5V6U", "abc+DEF/ghi=="));
    expect(a).toBe(normaliseCause(s3("9Q8R7S6T5U4V", "zzz+YYY/xxx==")));
    expect(a).toContain("Status Code: 404");
    expect(a).not.toBe(normaliseCause(s3("1X2Y3Z4W5V6U", "abc").replace("404", "500")));
  });

  it("replaces ARNs whole, whatever their partition, and timestamps in both forms", () => {
    const cause = (arn: string, at: string) => `Execution ${arn} was aborted at ${at}`;
    const a = normaliseCause(cause("arn:aws:states:us-east-1:111111111111:execution:orders:run-17", "2026-11-30T10:00:00.123Z"));
    const b = normaliseCause(cause("arn:aws-us-gov:states:us-gov-west-1:222222222222:execution:orders:9f1", "2025-01-02 03:04:05+01:00"));
    expect(a).toBe("Execution <arn> was aborted at <time>");
    expect(b).toBe(a);
    expect(normaliseCause("breached at 01/12/26 20:34:00")).toBe("breached at <time>");
  });

  it("replaces hex trace ids, IP addresses, long tokens and quoted input", () => {
    expect(normaliseCause("trace 1-5f84c7a1-3e0b9a6d2c1f4e8b7a6d5c4b from 10.0.12.7")).toBe("trace <n>-<hex>-<hex> from <ip>");
    expect(normaliseCause("bad token eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0 here")).toBe("bad token <token> here");
    const path = (input: string) => `The JSONPath '$.order.id' specified for the field 'id.$' could not be found in the input '${input}'`;
    expect(normaliseCause(path('{"order":{"sku":"A"}}'))).toBe(normaliseCause(path('{"customer":"Ann","items":[1,2]}')));
  });

  it("keeps words apart: different messages stay different", () => {
    expect(normaliseCause("Payment declined")).not.toBe(normaliseCause("Payment gateway unavailable"));
    expect(normaliseCause("deadbeef is a word here")).toBe("deadbeef is a word here");
  });

  it("is empty for a missing cause and bounded for a 32 KiB one", () => {
    expect(normaliseCause(null)).toBe("");
    expect(normaliseCause("")).toBe("");
    expect(normaliseCause("x".repeat(32_768)).length).toBe(MAX_NORMALISED_CAUSE_CHARS);
  });
});

describe("buildSignatureId", () => {
  const base = { stateMachineArn: SM, originPath: "Charge", originError: "Payment.Declined", originCause: "card 4242 declined (request id: 9a8b7c6d-0000-4000-8000-000000000001)" };

  it("is the same for variants and across version and alias ARNs of one state machine", () => {
    const a = buildSignatureId(toSignatureParts(base));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(buildSignatureId(toSignatureParts({ ...base, originCause: "card 1111 declined (request id: 11111111-2222-4333-8444-555555555555)" }))).toBe(a);
    expect(buildSignatureId(toSignatureParts({ ...base, stateMachineArn: `${SM}:7` }))).toBe(a);
    expect(buildSignatureId(toSignatureParts({ ...base, stateMachineArn: `${SM}:prod` }))).toBe(a);
  });

  it("differs when the state machine, the origin state, the error or the cause's words differ", () => {
    const a = buildSignatureId(toSignatureParts(base));
    const others = [
      { ...base, stateMachineArn: SM.replace("orders", "refunds") },
      { ...base, originPath: "Refund" },
      { ...base, originPath: null },
      { ...base, originError: "States.Timeout" },
      { ...base, originCause: "card expired" },
    ].map((p) => buildSignatureId(toSignatureParts(p)));
    expect(new Set([a, ...others]).size).toBe(6);
  });

  it("does not let fields run into one another", () => {
    const x = buildSignatureId({ stateMachineArn: SM, originPath: "A", originError: "BC", normalisedCause: "" });
    const y = buildSignatureId({ stateMachineArn: SM, originPath: "AB", originError: "C", normalisedCause: "" });
    expect(x).not.toBe(y);
  });

  it("reduces only qualified state machine ARNs", () => {
    expect(toBaseStateMachineArn(`${SM}:3`)).toBe(SM);
    expect(toBaseStateMachineArn(SM)).toBe(SM);
    const execution = "arn:aws:states:eu-west-1:123456789012:execution:orders:run-1";
    expect(toBaseStateMachineArn(execution)).toBe(execution);
  });
});
