import { describe, expect, it } from "vitest";
import { AWS_ERROR_KINDS, AwsError, httpStatusFor, toAwsError, type AwsErrorKind } from "./errors";

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

describe("httpStatusFor", () => {
  it("gives each kind its status", () => {
    expect(Object.fromEntries(AWS_ERROR_KINDS.map((kind) => [kind, httpStatusFor(kind)]))).toEqual({
      throttled: 503,
      "not-found": 404,
      "invalid-input": 400,
      "access-denied": 403,
      "expired-credentials": 401,
      unsupported: 422,
      "invalid-token": 409,
      unavailable: 502,
      unknown: 500,
    });
  });
});
