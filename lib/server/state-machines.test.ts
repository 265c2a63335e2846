import { beforeEach, describe, expect, it, vi } from "vitest";
import { AwsError } from "@/lib/aws/errors";
import type { StateMachineView } from "@/lib/domain/state-machine-view";

const describeStateMachine = vi.fn();
vi.mock("./services", () => ({
  services: () => ({ aws: { visitor: { describeStateMachine, getExecutionMetrics: vi.fn(async () => null), listExecutions: vi.fn(async () => []) } } }),
}));
vi.mock("./fleet", () => ({ getFleetSnapshot: async () => ({ stateMachines: [], failing: [] }) }));
vi.mock("./executions", () => ({ triageService: () => ({ getTriage: vi.fn() }) }));

const { getStateMachineView, stateMachinePreflight, withLastGood } = await import("./state-machines");
const { preflightPage } = await import("./page-preflight");

const ARN = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
const view = (name: string, fetchedAt: string) => ({ stateMachine: { name, stateMachineArn: ARN(name) }, metricsError: null, fetchedAt }) as unknown as StateMachineView;
const down = () => new AwsError("unavailable", "DescribeStateMachine", "connect ECONNREFUSED 127.0.0.1:4566 (raw SDK text)");

beforeEach(() => {
  describeStateMachine.mockReset();
});

describe("withLastGood", () => {
  it("answers an outage with the last good view, its age kept and the failure in our words", async () => {
    const good = view("orders", "2026-12-01T10:00:00.000Z");
    expect(await withLastGood(ARN("orders"), async () => good, 0)).toBe(good);
    const stale = await withLastGood(ARN("orders"), async () => Promise.reject(down()), Date.parse("2026-12-01T10:05:00.000Z"));
    expect(stale.fetchedAt).toBe("2026-12-01T10:00:00.000Z");
    expect(stale.metricsError).toEqual({ kind: "unavailable", message: expect.stringContaining("AWS did not answer DescribeStateMachine"), at: "2026-12-01T10:05:00.000Z" });
    expect(stale.metricsError?.message).not.toContain("ECONNREFUSED");
  });

  it("rethrows when nothing is cached, and for a state machine that no longer exists", async () => {
    await expect(withLastGood(ARN("never-seen"), async () => Promise.reject(down()), 0)).rejects.toMatchObject({ kind: "unavailable" });
    await withLastGood(ARN("deleted"), async () => view("deleted", "2026-12-01T10:00:00.000Z"), 0);
    await expect(withLastGood(ARN("deleted"), async () => Promise.reject(new AwsError("not-found", "DescribeStateMachine", "gone")), 0)).rejects.toMatchObject({ kind: "not-found" });
  });
});

describe("the state machine page's preflight", () => {
  const input = (name: string) => ({ arn: ARN(name), publicUrl: "http://dash" });

  it("answers 503 with our words, a reload link, the fleet and the console when AWS is down and nothing is cached", async () => {
    describeStateMachine.mockImplementation(async () => { throw down(); });
    const answer = await stateMachinePreflight(input("cold"));
    expect(answer?.status).toBe(503);
    expect(answer?.retryAfterSeconds).toBeGreaterThan(0);
    expect(answer?.html).toContain("AWS did not answer");
    expect(answer?.html).toContain(`href="/state-machines/${encodeURIComponent(ARN("cold"))}"`);
    expect(answer?.html).toContain('href="/"');
    expect(answer?.html).toContain("console.aws.amazon.com");
    expect(answer?.html).not.toContain("ECONNREFUSED");
  });

  it("answers 429 when throttled, and lets the page render its own 404", async () => {
    describeStateMachine.mockRejectedValueOnce(new AwsError("throttled", "DescribeStateMachine", "Rate exceeded"));
    expect((await stateMachinePreflight(input("busy")))?.status).toBe(429);
    describeStateMachine.mockRejectedValueOnce(new AwsError("not-found", "DescribeStateMachine", "gone"));
    expect(await stateMachinePreflight(input("gone"))).toBeNull();
  });

  it("shares its answer with the page that follows: one AWS call for the preflight and the page", async () => {
    describeStateMachine.mockImplementation(async () => { throw down(); });
    await stateMachinePreflight(input("once"));
    await expect(getStateMachineView(input("once"))).rejects.toMatchObject({ kind: "unavailable" });
    expect(describeStateMachine).toHaveBeenCalledTimes(1);
  });

  it("is what the proxy answers for a document request, and not for a client-side navigation", async () => {
    describeStateMachine.mockImplementation(async () => { throw down(); });
    const request = (headers: Record<string, string>) => ({
      method: "GET",
      pathname: `/state-machines/${encodeURIComponent(ARN("doc"))}`,
      searchParams: new URLSearchParams(),
      headers: new Headers({ host: "dash", ...headers }),
    });
    const response = await preflightPage(request({}));
    expect(response?.status).toBe(503);
    expect(response?.headers.get("content-type")).toContain("text/html");
    expect(response?.headers.get("retry-after")).toBe("10");
    expect(await preflightPage(request({ rsc: "1" }))).toBeNull();
  });
});
