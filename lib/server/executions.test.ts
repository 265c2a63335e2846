import { describe, expect, it, vi } from "vitest";
import { generateMapHistory } from "@/test-support/generate-history";
import { AwsError } from "@/lib/aws/errors";
import type { ExecutionDescription } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { createBudget } from "./budget";
import { TriageService, type TriageDeps } from "./executions";

const ARN = "arn:aws:states:us-east-1:111111111111:execution:batch:run-1";
const NOW = Date.parse("2026-11-23T12:00:00Z");

/** A fake Step Functions that pages a history newest first, 1000 per page, as AWS does with reverseOrder. */
function fakeAws(events: HistoryEvent[], status: ExecutionDescription["status"] = "FAILED") {
  const newestFirst = [...events].reverse();
  const calls = { describe: 0, definition: 0, pages: [] as (string | undefined)[] };
  let gate: Promise<void> = Promise.resolve();
  const deps: TriageDeps = {
    budget: createBudget({ share: 1 }),
    now: () => NOW,
    describeExecution: vi.fn(async () => {
      calls.describe += 1;
      return { executionArn: ARN, stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:batch", name: "run-1", status, startDate: "2026-11-23T11:00:00Z", stopDate: "2026-11-23T11:10:00Z", error: null, cause: null, inputBytes: 2, outputBytes: null, input: "{}", output: null };
    }),
    describeStateMachineForExecution: vi.fn(async () => {
      calls.definition += 1;
      return { stateMachineArn: "x", name: "batch", type: "STANDARD" as const, region: "us-east-1", creationDate: "", definition: generated.definition };
    }),
    getExecutionHistoryPage: vi.fn(async (_arn: string, opts: { nextToken?: string; maxResults?: number; reverseOrder?: boolean } = {}) => {
      calls.pages.push(opts.nextToken);
      const ordered = opts.reverseOrder ? newestFirst : events;
      const from = Number(opts.nextToken ?? 0);
      if (from > 0) await gate;
      const size = opts.maxResults ?? 100;
      const page = ordered.slice(from, from + size);
      return { events: page, nextToken: from + size < ordered.length ? String(from + size) : null };
    }),
  };
  const generated = { definition: "" };
  return {
    deps,
    calls,
    generated,
    /** Holds every page after the first until released. */
    holdLaterPages() {
      let release = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

describe("TriageService", () => {
  it("answers after ONE history page, with the failure already named, and completes behind", async () => {
    const history = generateMapHistory({ items: 4000 });
    const aws = fakeAws(history.events);
    aws.generated.definition = history.definition;
    const release = aws.holdLaterPages();
    const service = new TriageService(aws.deps);

    const first = await service.getTriage(ARN);
    // The second page is already asked for (held by the fake), but the answer didn't wait for it.
    expect(first.history.pagesFetched).toBe(1);
    expect(aws.calls.pages[0]).toBeUndefined();
    expect(first.history.complete).toBe(false);
    expect(first.report.failure?.kind).toBe("history-limit");
    expect(first.report.failure?.error).toBe("States.Runtime");

    release();
    await vi.waitFor(async () => expect((await service.getTriage(ARN)).history.complete).toBe(true));
    const whole = await service.getTriage(ARN);
    expect(aws.calls.pages).toHaveLength(25);
    expect(whole.report.eventCount).toBe(25_000);
    expect(whole.report.history.events).toBe(25_000);
  });

  it("costs AWS one set of calls however many tabs ask at once, and nothing more once closed", async () => {
    const history = generateMapHistory({ items: 10 });
    const aws = fakeAws(history.events, "SUCCEEDED");
    aws.generated.definition = history.definition;
    const service = new TriageService(aws.deps);
    const answers = await Promise.all(Array.from({ length: 20 }, () => service.getTriage(ARN)));
    expect(new Set(answers.map((a) => a.report.eventCount)).size).toBe(1);
    expect(aws.calls.describe).toBe(1);
    expect(aws.calls.definition).toBe(1);
    await vi.waitFor(() => expect(service.closedCount).toBe(1));
    await service.getTriage(ARN);
    await service.getTriage(ARN);
    expect(aws.calls.describe).toBe(1);
    expect(aws.calls.pages).toHaveLength(1);
  });

  it("keeps sizes, never payload text, and reads a payload from AWS only when asked", async () => {
    const history = generateMapHistory({ items: 2 });
    const aws = fakeAws(history.events, "SUCCEEDED");
    aws.generated.definition = history.definition;
    const service = new TriageService(aws.deps);
    const triage = await service.getTriage(ARN);
    expect(JSON.stringify(triage)).not.toContain('"input":"{');
    expect(triage.execution).not.toHaveProperty("input");
    const held = await service.getEvents(ARN);
    expect(JSON.stringify(held)).not.toMatch(/"(input|output|parameters)":/);
    expect(held.find((e) => e.id === 1)?.executionStartedEventDetails?.inputSizeBytes).toBeTypeOf("number");
    const pagesBefore = aws.calls.pages.length;
    const text = await service.getPayload(ARN, 1, "input");
    expect(text).toBe(history.events[0]!.executionStartedEventDetails!.input);
    expect(aws.calls.pages.length).toBeGreaterThan(pagesBefore);
    expect(await service.getPayload(ARN, 99_999, "input")).toBeNull();
  });

  it("refreshes a running execution by reading only the events after the last one it holds", async () => {
    const history = generateMapHistory({ items: 3000 });
    const all = history.events.slice(0, -1); // no terminal event yet
    const held = all.slice(0, 2500);
    const aws = fakeAws(held, "RUNNING");
    aws.generated.definition = history.definition;
    let clock = NOW;
    aws.deps.now = () => clock;
    const service = new TriageService(aws.deps);
    await service.getTriage(ARN);
    await vi.waitFor(async () => expect((await service.getTriage(ARN)).history.complete).toBe(true));
    const fullReadPages = aws.calls.pages.length;
    expect(fullReadPages).toBe(3);
    // 300 more events arrive; the newest page reaches back past the last one held, so one page is enough.
    const grown = all.slice(0, 2800);
    (aws.deps.getExecutionHistoryPage as ReturnType<typeof vi.fn>).mockImplementation(async (_arn: string, opts: { nextToken?: string; maxResults?: number }) => {
      aws.calls.pages.push(opts.nextToken);
      const newestFirst = [...grown].reverse();
      const from = Number(opts.nextToken ?? 0);
      return { events: newestFirst.slice(from, from + 1000), nextToken: from + 1000 < newestFirst.length ? String(from + 1000) : null };
    });
    clock += 60_000;
    const refreshed = await service.getTriage(ARN);
    expect(aws.calls.pages.length - fullReadPages).toBe(1);
    expect(refreshed.report.eventCount).toBe(2800);
    expect(refreshed.history.complete).toBe(true);
    // The same report a fresh read of all 2,800 events gives.
    const fresh = fakeAws(grown, "RUNNING");
    fresh.generated.definition = history.definition;
    fresh.deps.now = () => clock;
    const other = new TriageService(fresh.deps);
    await vi.waitFor(async () => expect((await other.getTriage(ARN)).history.complete).toBe(true));
    expect(JSON.stringify((await other.getTriage(ARN)).report)).toBe(JSON.stringify(refreshed.report));
  });

  it("pages the event view newest first past 500, filtered by state, errors and text", async () => {
    const history = generateMapHistory({ items: 400, historyLimit: 1500 });
    const aws = fakeAws(history.events, "FAILED");
    aws.generated.definition = history.definition;
    const service = new TriageService(aws.deps);
    await vi.waitFor(async () => expect((await service.getTriage(ARN)).history.complete).toBe(true));
    const first = await service.getEventPage(ARN, {});
    expect(first.events).toHaveLength(500);
    expect(first.events[0]!.id).toBe(history.events.length);
    expect(first.nextBefore).toBe(first.events[499]!.id);
    const second = await service.getEventPage(ARN, { before: first.nextBefore! });
    expect(second.events[0]!.id).toBe(first.events[499]!.id - 1);
    const ids = new Set([...first.events, ...second.events].map((e) => e.id));
    expect(ids.size).toBe(first.events.length + second.events.length);
    const errors = await service.getEventPage(ARN, { kind: "errors" });
    expect(errors.events.length).toBeGreaterThan(0);
    expect(errors.events.every((e) => e.isError)).toBe(true);
    const triage = await service.getTriage(ARN);
    const state = triage.report.states.find((s) => s.entered > 0)!;
    const byState = await service.getEventPage(ARN, { state: state.path, limit: 5000 });
    expect(byState.matched).toBe(state.events);
    expect(byState.events.every((e) => e.path === state.path)).toBe(true);
    const search = await service.getEventPage(ARN, { q: "executionfailed" });
    expect(search.events.map((e) => e.type)).toEqual(["ExecutionFailed"]);
  });

  it("reads a closed history again when the cache dropped it: the report stays, the events come back with progress", async () => {
    const history = generateMapHistory({ items: 10 });
    const aws = fakeAws(history.events, "SUCCEEDED");
    aws.generated.definition = history.definition;
    const service = new TriageService(aws.deps);
    await service.getTriage(ARN);
    await vi.waitFor(() => expect(service.closedCount).toBe(1));
    const before = await service.getTriage(ARN);
    // What a full cache does to a history nobody looks at.
    (service as unknown as { cache: { dropHistory(arn: string): void } }).cache.dropHistory(ARN);
    const release = aws.holdLaterPages();
    const again = await service.getTriage(ARN);
    expect(again.timeline.length).toBeGreaterThan(0);
    expect(again.report).toEqual(before.report);
    release();
    await vi.waitFor(async () => expect((await service.getTriage(ARN)).history.complete).toBe(true));
    const after = await service.getTriage(ARN);
    expect(after.timeline).toEqual(before.timeline);
    expect(aws.calls.describe).toBe(1);
  });

  it("keeps the last good answer, marked with the error, when AWS throttles a refresh of a running execution", async () => {
    const history = generateMapHistory({ items: 2 });
    const aws = fakeAws(history.events, "RUNNING");
    aws.generated.definition = history.definition;
    let clock = NOW;
    aws.deps.now = () => clock;
    const service = new TriageService(aws.deps);
    const good = await service.getTriage(ARN);
    expect(good.history.error).toBeNull();
    (aws.deps.describeExecution as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new AwsError("throttled", "DescribeExecution", "Rate exceeded"));
    clock += 60_000;
    const stale = await service.getTriage(ARN);
    expect(stale.fetchedAt).toBe(good.fetchedAt);
    expect(stale.history.error?.kind).toBe("throttled");
    expect(stale.report.eventCount).toBe(good.report.eventCount);
  });

  it("raises not-found for an unknown execution instead of inventing one", async () => {
    const aws = fakeAws([]);
    (aws.deps.describeExecution as ReturnType<typeof vi.fn>).mockRejectedValue(new AwsError("not-found", "DescribeExecution", "Execution Does Not Exist"));
    await expect(new TriageService(aws.deps).getTriage(ARN)).rejects.toMatchObject({ kind: "not-found" });
  });
});

describe("TriageService with a durable home for closed reports", () => {
  it("after a restart, serves a closed execution's report from the index without describing it again, also once AWS purged its history", async () => {
    const history = generateMapHistory({ items: 30 });
    const saved = new Map<string, unknown>();
    const closedReports = {
      get: vi.fn(async (arn: string, redrive: number) => (saved.get(`${arn}|${redrive}`) as never) ?? null),
      put: vi.fn(async (arn: string, redrive: number, closed: unknown) => void saved.set(`${arn}|${redrive}`, JSON.parse(JSON.stringify(closed)))),
    };
    const before = fakeAws(history.events);
    before.generated.definition = history.definition;
    const first = new TriageService({ ...before.deps, closedReports });
    const original = await first.getTriage(ARN);
    await first.getEvents(ARN);
    await vi.waitFor(() => expect(closedReports.put).toHaveBeenCalledTimes(1));

    // A new process: nothing in memory; AWS has purged the history (90 days) and answers "does not exist".
    const after = fakeAws(history.events);
    const gone = new AwsError("not-found", "GetExecutionHistory", "GetExecutionHistory: ExecutionDoesNotExist");
    after.deps.getExecutionHistoryPage = vi.fn(async () => Promise.reject(gone));
    const restarted = new TriageService({ ...after.deps, closedReports });
    const again = await restarted.getTriage(ARN);
    expect(again.report).toEqual(original.report);
    expect(again.headline).toEqual(original.headline);
    expect(after.calls.describe).toBe(0);
    expect(after.calls.definition).toBe(0);
    expect(again.history.error).toMatchObject({ kind: "not-found" });
  });
});
