import { describe, expect, it } from "vitest";
import { AwsError, isAwsFailure, toAwsError, type AwsErrorKind } from "./errors";

function sdkError(name: string, httpStatusCode = 400, fault: "client" | "server" = "client") {
  return Object.assign(new Error(`${name} happened`), { name, $fault: fault, $metadata: { httpStatusCode } });
}

function networkError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), { code });
}

describe("toAwsError", () => {
  const cases: [string, unknown, AwsErrorKind][] = [
    ["ThrottlingException", sdkError("ThrottlingException"), "throttled"],
    ["CloudWatch Throttling", sdkError("Throttling"), "throttled"],
    ["TooManyRequestsException", sdkError("TooManyRequestsException", 429), "throttled"],
    ["any HTTP 429", sdkError("SomethingNew", 429), "throttled"],
    ["ExecutionDoesNotExist", sdkError("ExecutionDoesNotExist"), "not-found"],
    ["StateMachineDoesNotExist", sdkError("StateMachineDoesNotExist"), "not-found"],
    ["ResourceNotFound", sdkError("ResourceNotFound"), "not-found"],
    ["InvalidArn", sdkError("InvalidArn"), "invalid-input"],
    ["ValidationException", sdkError("ValidationException"), "invalid-input"],
    ["AccessDeniedException", sdkError("AccessDeniedException", 403), "access-denied"],
    ["AccessDenied (query protocol)", sdkError("AccessDenied", 403), "access-denied"],
    ["ExpiredTokenException", sdkError("ExpiredTokenException", 403), "expired-credentials"],
    ["ExpiredToken", sdkError("ExpiredToken", 403), "expired-credentials"],
    ["UnrecognizedClientException", sdkError("UnrecognizedClientException", 403), "expired-credentials"],
    ["no credentials in the chain", Object.assign(new Error("Could not load credentials"), { name: "CredentialsProviderError" }), "expired-credentials"],
    ["StateMachineTypeNotSupported (Express)", sdkError("StateMachineTypeNotSupported"), "unsupported"],
    ["InvalidToken", sdkError("InvalidToken"), "invalid-token"],
    ["CloudWatch InvalidNextToken", sdkError("InvalidNextToken"), "invalid-token"],
    ["HTTP 503", sdkError("ServiceUnavailableException", 503, "server"), "unavailable"],
    ["HTTP 500 unknown name", sdkError("InternalServerError", 500, "server"), "unavailable"],
    ["ECONNREFUSED", networkError("ECONNREFUSED"), "unavailable"],
    ["ECONNRESET", networkError("ECONNRESET"), "unavailable"],
    ["TimeoutError", Object.assign(new Error("socket timed out"), { name: "TimeoutError" }), "unavailable"],
    ["fetch failed, cause ECONNREFUSED", new TypeError("fetch failed", { cause: networkError("ECONNREFUSED") }), "unavailable"],
    ["a plain bug", new Error("boom"), "unknown"],
    ["a thrown string", "boom", "unknown"],
  ];

  it.each(cases)("%s", (_label, raw, kind) => {
    const error = toAwsError(raw, "DescribeExecution");
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(error.operation).toBe("DescribeExecution");
    expect(error.retryable).toBe(kind === "throttled" || kind === "unavailable");
    expect(error.message.startsWith("DescribeExecution: ")).toBe(true);
    expect(error.cause).toBe(raw);
  });

  it("keeps the AWS error name as awsCode only when AWS answered", () => {
    expect(toAwsError(sdkError("InvalidArn"), "X").awsCode).toBe("InvalidArn");
    expect(toAwsError(new Error("boom"), "X").awsCode).toBeUndefined();
    expect(toAwsError(networkError("ECONNREFUSED"), "X").awsCode).toBeUndefined();
  });

  it("passes an AwsError through unchanged", () => {
    const original = new AwsError("not-found", "DescribeExecution", "gone");
    expect(toAwsError(original, "Other")).toBe(original);
  });
});

describe("isAwsFailure", () => {
  it("recognises an AwsError by its discriminant, also a structural copy from another bundle", () => {
    const original = new AwsError("throttled", "ListExecutions", "Rate exceeded");
    expect(isAwsFailure(original)).toBe(true);
    // What another bundle's copy of the class looks like from here: same shape, different prototype.
    const copy = Object.assign(new Error("Rate exceeded"), { source: "aws", kind: "throttled", operation: "ListExecutions", retryable: true });
    expect(copy instanceof AwsError).toBe(false);
    expect(isAwsFailure(copy)).toBe(true);
    expect(toAwsError(copy, "Other")).toMatchObject({ kind: "throttled", operation: "ListExecutions", retryable: true });
  });

  it("rejects look-alikes without the discriminant or with an unknown kind", () => {
    expect(isAwsFailure(new Error("x"))).toBe(false);
    expect(isAwsFailure({ kind: "throttled", operation: "X" })).toBe(false);
    expect(isAwsFailure({ source: "aws", kind: "exploded", operation: "X" })).toBe(false);
    expect(isAwsFailure(null)).toBe(false);
  });
});
