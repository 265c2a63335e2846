import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AwsError } from "./errors";
import {
  configuredMaxAttempts,
  configuredRegions,
  getCloudWatchClient,
  getSfnClient,
  regionOfArn,
  resetClients,
  type ClientOverrides,
} from "./clients";
import { describeExecution } from "./sfn";

// aws-sdk-client-mock replaces `send`, so it would bypass the retry middleware under test. Here the
// SDK's HTTP layer is swapped instead: signing, deserialisation and the adaptive retry strategy all run.

const EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";

interface FakeResponse {
  statusCode: number;
  body: unknown;
}

function fakeHandler(responses: FakeResponse[]) {
  const seen: { target: string | undefined; body: string; hostname: string; port: number | undefined }[] = [];
  const handler = {
    async handle(request: { headers: Record<string, string>; body?: unknown; hostname: string; port?: number }) {
      const body = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : String(request.body ?? "");
      seen.push({ target: request.headers["x-amz-target"], body, hostname: request.hostname, port: request.port });
      const next = responses[Math.min(seen.length - 1, responses.length - 1)]!;
      return {
        response: {
          statusCode: next.statusCode,
          headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": `req-${seen.length}` },
          body: new TextEncoder().encode(JSON.stringify(next.body)),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
  return { handler: handler as unknown as NonNullable<ClientOverrides["requestHandler"]>, seen };
}

const throttled: FakeResponse = {
  statusCode: 400,
  body: { __type: "com.amazonaws.swf.base.model#ThrottlingException", message: "Rate exceeded" },
};
const described: FakeResponse = {
  statusCode: 200,
  body: {
    executionArn: EXECUTION_ARN,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
    name: "run-1",
    status: "FAILED",
    startDate: 1767225600,
    stopDate: 1767225660.5,
    input: '{"name":"Zoë"}',
    error: "States.Timeout",
  },
};

// The retry strategy waits with setTimeout (jittered backoff, then the adaptive rate limiter's token
// bucket, about 2 s per throttle): fake timers run those waits instantly and deterministically.
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  // Until settled, not a fixed number of steps: each step yields a real macrotask, and the SDK's own async work
  // (config and credential resolution) can need more of them on a loaded machine. The test timeout bounds it.
  while (!done) await vi.advanceTimersByTimeAsync(100);
  return promise;
}

describe("retry of throttled calls (real SDK middleware, fake HTTP)", () => {
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    vi.stubEnv("AWS_SESSION_TOKEN", "");
    vi.stubEnv("AWS_PROFILE", "");
    // A developer's shell may point the SDK at the sandbox; these tests choose their own endpoints.
    for (const name of ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) {
      vi.stubEnv(name, "");
    }
    vi.useFakeTimers({ now: new Date("2026-02-01T00:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    resetClients();
  });

  it("succeeds after two ThrottlingExceptions", async () => {
    const { handler, seen } = fakeHandler([throttled, throttled, described]);
    resetClients({ requestHandler: handler });
    const description = await settle(describeExecution(EXECUTION_ARN));
    expect(seen).toHaveLength(3);
    expect(seen.every((call) => call.target === "AWSStepFunctions.DescribeExecution")).toBe(true);
    expect(description.status).toBe("FAILED");
    expect(description.startDate).toBe("2026-01-01T00:00:00.000Z");
    expect(description.stopDate).toBe("2026-01-01T00:01:00.500Z");
    expect(description.inputBytes).toBe(15);
  });

  it("gives up after SFN_TRIAGE_AWS_MAX_ATTEMPTS tries with a throttled AwsError", async () => {
    vi.stubEnv("SFN_TRIAGE_AWS_MAX_ATTEMPTS", "2");
    const { handler, seen } = fakeHandler([throttled]);
    resetClients({ requestHandler: handler });
    const error = await settle(describeExecution(EXECUTION_ARN)).catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({ kind: "throttled", retryable: true, operation: "DescribeExecution", awsCode: "ThrottlingException" });
    expect((error as AwsError).cause).toMatchObject({ $metadata: { attempts: 2 } });
  });
});

describe("client configuration", () => {
  beforeEach(() => {
    for (const name of ["SFN_TRIAGE_REGIONS", "AWS_REGION", "AWS_DEFAULT_REGION", "SFN_TRIAGE_AWS_MAX_ATTEMPTS"]) vi.stubEnv(name, "");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    vi.stubEnv("AWS_SESSION_TOKEN", "");
    vi.stubEnv("AWS_PROFILE", "");
    // A developer's shell may point the SDK at the sandbox; these tests choose their own endpoints.
    for (const name of ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) {
      vi.stubEnv(name, "");
    }
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    resetClients();
  });

  it("reads regions from SFN_TRIAGE_REGIONS, then AWS_REGION, AWS_DEFAULT_REGION, us-east-1", () => {
    expect(configuredRegions()).toEqual(["us-east-1"]);
    vi.stubEnv("AWS_DEFAULT_REGION", "ap-south-1");
    expect(configuredRegions()).toEqual(["ap-south-1"]);
    vi.stubEnv("AWS_REGION", "eu-west-1");
    expect(configuredRegions()).toEqual(["eu-west-1"]);
    vi.stubEnv("SFN_TRIAGE_REGIONS", " us-west-2, eu-central-1,,us-west-2 ");
    expect(configuredRegions()).toEqual(["us-west-2", "eu-central-1"]);
  });

  it("takes the region from state machine, execution, Map Run and alarm ARNs", () => {
    expect(regionOfArn("arn:aws:states:eu-west-1:123456789012:stateMachine:orders")).toBe("eu-west-1");
    expect(regionOfArn("arn:aws:states:us-east-2:123456789012:execution:orders:run-1")).toBe("us-east-2");
    expect(regionOfArn("arn:aws:states:us-east-2:123456789012:execution:orders/map:child")).toBe("us-east-2");
    expect(regionOfArn("arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:orders:prod")).toBe("us-gov-west-1");
    expect(regionOfArn("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:orders-timeouts")).toBe("ap-northeast-1");
    for (const bad of ["", "orders", "arn:aws:iam::123456789012:role/x", "arn:aws:states:eu-west-1:12345:stateMachine:x"]) {
      expect(() => regionOfArn(bad)).toThrow(expect.objectContaining({ kind: "invalid-input" }));
    }
  });

  it("reads the attempt count from SFN_TRIAGE_AWS_MAX_ATTEMPTS, default 4", async () => {
    expect(configuredMaxAttempts()).toBe(4);
    expect(await getSfnClient("us-east-1").config.maxAttempts()).toBe(4);
    vi.stubEnv("SFN_TRIAGE_AWS_MAX_ATTEMPTS", "not a number");
    expect(configuredMaxAttempts()).toBe(4);
    vi.stubEnv("SFN_TRIAGE_AWS_MAX_ATTEMPTS", "7");
    resetClients();
    expect(await getCloudWatchClient("us-east-1").config.maxAttempts()).toBe(7);
  });

  it("builds one adaptive-retry client per service and region", async () => {
    const sfn = getSfnClient("eu-west-1");
    expect(getSfnClient("eu-west-1")).toBe(sfn);
    expect(getSfnClient("us-west-2")).not.toBe(sfn);
    expect(await sfn.config.region()).toBe("eu-west-1");
    expect(((await sfn.config.retryStrategy()) as { mode?: string }).mode).toBe("adaptive");
    const cloudWatch = getCloudWatchClient("eu-west-1");
    expect(getCloudWatchClient("eu-west-1")).toBe(cloudWatch);
    expect(((await cloudWatch.config.retryStrategy()) as { mode?: string }).mode).toBe("adaptive");
    resetClients();
    expect(getSfnClient("eu-west-1")).not.toBe(sfn);
  });

  it("sends to AWS_ENDPOINT_URL_SFN when set (the SDK resolves it, we pass no endpoint)", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://127.0.0.1:4999");
    vi.stubEnv("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:4566");
    const { handler, seen } = fakeHandler([described]);
    resetClients({ requestHandler: handler });
    await describeExecution(EXECUTION_ARN);
    expect(seen[0]).toMatchObject({ hostname: "127.0.0.1", port: 4566 });
  });

  it("sends to AWS_ENDPOINT_URL when no service-specific endpoint is set", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://127.0.0.1:4999");
    const { handler, seen } = fakeHandler([described]);
    resetClients({ requestHandler: handler });
    await describeExecution(EXECUTION_ARN);
    expect(seen[0]).toMatchObject({ hostname: "127.0.0.1", port: 4999 });
  });

  it("sends to the regional AWS endpoint by default", async () => {
    const { handler, seen } = fakeHandler([described]);
    resetClients({ requestHandler: handler });
    await describeExecution(EXECUTION_ARN.replace("us-east-1", "eu-west-1"));
    expect(seen[0]?.hostname).toBe("states.eu-west-1.amazonaws.com");
  });
});
