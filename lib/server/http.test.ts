import { describe, expect, it } from "vitest";
import { AWS_ERROR_KINDS } from "@/lib/domain/errors";
import { AwsError } from "@/lib/aws/errors";
import { ArnError } from "@/lib/analysis/links/arn";
import { HistoryError } from "@/lib/analysis/errors";
import { clientMessageFor, httpStatusFor, toErrorResponse } from "./http";

describe("httpStatusFor", () => {
  it("gives each kind its status: throttled 429, AWS down 503, unusable answers 502", () => {
    expect(Object.fromEntries(AWS_ERROR_KINDS.map((kind) => [kind, httpStatusFor(kind)]))).toEqual({
      throttled: 429,
      "not-found": 404,
      "invalid-input": 400,
      "access-denied": 403,
      "expired-credentials": 401,
      unsupported: 422,
      "invalid-token": 409,
      unavailable: 503,
      unknown: 502,
    });
  });
});

describe("toErrorResponse", () => {
  it("answers an AWS failure with our words, never the SDK's text", async () => {
    const sdkText = "Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.";
    const response = toErrorResponse(new AwsError("unknown", "DescribeExecution", `DescribeExecution: ${sdkText}`));
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.error.kind).toBe("unknown");
    expect(body.error.message).toBe(clientMessageFor({ kind: "unknown", operation: "DescribeExecution" }));
    expect(JSON.stringify(body)).not.toContain("Deserialization");
  });

  it("recognises errors from another bundle's copy of the classes (by discriminant and name)", async () => {
    const foreignAws = Object.assign(new Error("x"), { source: "aws", kind: "not-found", operation: "DescribeExecution", retryable: false });
    expect(toErrorResponse(foreignAws).status).toBe(404);
    const foreignArn = Object.assign(new Error("bad arn"), { name: "ArnError", expected: "arn:…" });
    expect(toErrorResponse(foreignArn).status).toBe(400);
    const foreignHistory = Object.assign(new Error("bad"), { name: "HistoryError", code: "bad-event" });
    expect(toErrorResponse(foreignHistory).status).toBe(502);
  });

  it("sets Retry-After on throttling", () => {
    const response = toErrorResponse(new AwsError("throttled", "ListExecutions", "Rate exceeded"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("5");
  });

  it("keeps the analyser's and parser's own errors typed", () => {
    expect(toErrorResponse(new ArnError("not an ARN")).status).toBe(400);
    expect(toErrorResponse(new HistoryError("bad-event", "event 3 is not an object")).status).toBe(502);
  });
});
