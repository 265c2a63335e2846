import { beforeEach, describe, expect, it, vi } from "vitest";
import { AwsError } from "@/lib/aws/errors";

const getTriage = vi.fn();
vi.mock("./executions", () => ({ triageService: () => ({ getTriage }) }));

const { executionPreflight } = await import("./execution-preflight");
const { preflightPage } = await import("./page-preflight");

const ARN = "arn:aws:states:us-east-1:123456789012:execution:file-pipeline:run-1";

beforeEach(() => {
  getTriage.mockReset();
});

describe("the execution page's preflight", () => {
  it("lets the page render a triage (fresh or stale) and its own 404", async () => {
    getTriage.mockResolvedValueOnce({});
    expect(await executionPreflight(ARN)).toBeNull();
    getTriage.mockImplementationOnce(async () => {
      throw new AwsError("not-found", "DescribeExecution", "Execution Does Not Exist");
    });
    expect(await executionPreflight(ARN)).toBeNull();
  });

  it("answers 503 when AWS is down and nothing is cached, in our words, with the state machine, the fleet and the console", async () => {
    getTriage.mockImplementation(async () => {
      throw new AwsError("unavailable", "GetExecutionHistory", "socket hang up 10.0.0.1 (raw SDK text)");
    });
    const answer = await executionPreflight(ARN);
    expect(answer?.status).toBe(503);
    expect(answer?.html).toContain("AWS did not answer GetExecutionHistory");
    expect(answer?.html).not.toContain("socket hang up");
    expect(answer?.html).toContain(`href="/state-machines/${encodeURIComponent("arn:aws:states:us-east-1:123456789012:stateMachine:file-pipeline")}"`);
    expect(answer?.html).toContain("console.aws.amazon.com/states");
    const response = await preflightPage({ method: "GET", pathname: `/executions/${encodeURIComponent(ARN)}`, searchParams: new URLSearchParams(), headers: new Headers() });
    expect(response?.status).toBe(503);
  });

  it("answers 429 with Retry-After when throttled", async () => {
    getTriage.mockImplementation(async () => {
      throw new AwsError("throttled", "DescribeExecution", "Rate exceeded");
    });
    const response = await preflightPage({ method: "GET", pathname: `/executions/${encodeURIComponent(ARN)}`, searchParams: new URLSearchParams(), headers: new Headers() });
    expect(response?.status).toBe(429);
    expect(Number(response?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
