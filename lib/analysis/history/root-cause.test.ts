// Issue 9, history side: the root cause named (Catch → … → Fail), old-style runtime errors placed, time in a
// state as the sum of its visits, and the near misses a SUCCEEDED execution must own up to.
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { loadSandboxHistories, loadSandboxHistory } from "@/test-support/sandbox-histories";
import { describeExecution, describeFailure } from "../headline/describe-failure";
import { buildExecutionReport } from "./report";
import { generateMapHistory } from "@/test-support/generate-history";
import { generateExecutionTimeoutHistory } from "@/test-support/generate-scenarios";

const NOW = "2030-01-01T00:00:00Z";
const recorded = loadFixtures();
const sandbox = loadSandboxHistories();
const all = [...recorded.map((f) => ({ name: f.file, definition: f.definition, events: f.events })), ...sandbox];
const analyse = (h: { events: unknown; definition: string | null }) => buildExecutionReport(h.events, { definition: h.definition, now: NOW });

describe("the root cause of a caught error that ends the run", () => {
  it("order-flow: Payment.Declined in AuthorizePayment, caught by Checks, compensated, then the Fail state", () => {
    const report = analyse(loadSandboxHistory("order-flow-payment-declined"));
    expect(report.failure).toMatchObject({ kind: "fail-state", path: "OrderFailed", error: "Order.Compensated" });
    expect(report.failure!.origin).toMatchObject({ path: "Checks/AuthorizePayment", error: "Payment.Declined", route: ["Checks", "Compensate", "OrderFailed"] });
    expect(describeFailure(report)).toBe("AuthorizePayment failed with Payment.Declined (caught by Checks → Compensate → Fail state OrderFailed)");
  });

  it("order-flow: a Fail state inside a branch is the origin when a Catch outside handled it", () => {
    const report = analyse(loadSandboxHistory("order-flow-fraud-flagged"));
    expect(report.failure!.origin).toMatchObject({ path: "Checks/FraudSuspected", error: "Fraud.Suspected", cause: "Risk score 97 is above the threshold of 80." });
    expect(describeExecution(report).text).toBe("FraudSuspected failed with Fraud.Suspected (caught by Checks → Compensate → Fail state OrderFailed)");
  });

  it.each(all.map((h) => [h.name, h] as const))("%s: an origin is a caught error, and its route ends where the run ended", (_name, h) => {
    const report = analyse(h);
    const origin = report.failure?.origin;
    if (!origin) {
      // No origin means no Catch led to the end: no caught error was raised before a Fail state the run ended in.
      if (report.failure?.kind === "fail-state" && report.failure.path !== null && !report.failure.path.includes("/")) {
        const caughtBefore = report.handledErrors.filter((e) => e.handledBy.kind === "catch" && e.eventId < report.failure!.eventId);
        const routeFromCatch = caughtBefore.some((e) => e.handledBy.kind === "catch" && e.handledBy.next === report.failure!.state);
        expect(routeFromCatch, "a Catch whose Next is the Fail state").toBe(false);
      }
      return;
    }
    expect(report.handledErrors.some((e) => e.eventId === origin.eventId && e.path === origin.path && e.handledBy.kind === "catch")).toBe(true);
    expect(origin.route[origin.route.length - 1]).toBe(report.failure!.state);
    expect(origin.eventId).toBeLessThan(report.failure!.eventId);
    expect(describeFailure(report)!.startsWith(origin.state)).toBe(true);
  });
});

describe("an old-style runtime error (ExecutionFailed linked to 0, cause naming the event id)", () => {
  it.each(recorded.filter((f) => /entered at the event id #\d+/.test(JSON.stringify(f.events[f.events.length - 1])) && !JSON.stringify(f.events).includes("EvaluationFailed")).slice(0, 12).map((f) => [f.file, f] as const))(
    "%s: is attributed to the state entered at that event",
    (_file, fixture) => {
      const events = structuredClone(fixture.events) as HistoryEvent[];
      const last = events[events.length - 1]!;
      expect(last.type).toBe("ExecutionFailed");
      last.previousEventId = 0; // as older AWS histories have it
      const id = Number(/entered at the event id #(\d+)/.exec(JSON.stringify(last))![1]);
      const entered = events.find((e) => e.id === id)!;
      const name = (entered.stateEnteredEventDetails as { name: string }).name;
      const report = buildExecutionReport(events, { definition: fixture.definition, now: NOW });
      expect(report.failure!.state).toBe(name);
      expect(report.failure!.originEventId).toBe(id);
      expect(describeFailure(report)).toContain(name);
      expect(describeFailure(report)).not.toMatch(/^The execution/);
    },
  );
});

describe("time in a state", () => {
  it.each(all.map((h) => [h.name, h] as const))("%s: top-level states share the execution's time, never more", (_name, h) => {
    const report = analyse(h);
    if (report.durationMs === null || report.runs.length > 1) return;
    let sum = 0;
    for (const s of report.states) {
      if (s.path.includes("/")) continue;
      sum += s.durationMs.total;
      expect(s.durationMs.max).toBeLessThanOrEqual(report.durationMs);
    }
    // Top-level states run one after another (entered → exited), so their sum fits in the execution.
    expect(sum).toBeLessThanOrEqual(report.durationMs);
  });

  it("a Task still waiting when the execution timed out counts up to the timeout, not to its last event", () => {
    const report = analyse(loadSandboxHistory("file-pipeline-timed-out"));
    const archive = report.states.find((s) => s.path === "Archive")!;
    const h = loadSandboxHistory("file-pipeline-timed-out");
    const entered = Date.parse(String(h.events.find((e) => e.type === "TaskStateEntered" && (e.stateEnteredEventDetails as { name: string }).name === "Archive")!.timestamp));
    const timedOut = Date.parse(String(h.events[h.events.length - 1]!.timestamp));
    expect(archive.durationMs.last).toBe(timedOut - entered);
    expect(describeFailure(report)).toBe("The execution timed out after 30 s while in Archive (its TimeoutSeconds of 30 s)");
  });

  it("a Map counts its own span, not the sum of its items", () => {
    const h = generateMapHistory({ items: 50, concurrency: 10 });
    const report = analyse(h);
    const map = report.states.find((s) => s.type === "Map")!;
    const item = report.states.find((s) => s.path.startsWith(`${map.path}/`))!;
    expect(map.durationMs.total).toBeLessThanOrEqual(report.durationMs!);
    expect(item.entered).toBe(50);
    expect(map.durationMs.total).toBeLessThan(item.durationMs.total);
  });

  it("a running visit runs up to now", () => {
    const h = generateExecutionTimeoutHistory();
    const events = h.events.slice(0, -1); // before ExecutionTimedOut: still running
    const last = Date.parse(String(events[events.length - 1]!.timestamp));
    const report = buildExecutionReport(events, { definition: h.definition, now: last + 12_345 });
    const waiting = report.states.find((s) => s.path === "WaitForApproval")!;
    const entered = Date.parse(String(events.find((e) => e.type === "TaskStateEntered")!.timestamp));
    expect(waiting.durationMs.last).toBe(last + 12_345 - entered);
  });
});

describe("near misses (cliffs) in a SUCCEEDED execution's headline", () => {
  it("a payload at 86% of the cap", () => {
    const report = analyse(loadSandboxHistory("report-builder-near-cap"));
    expect(report.status).toBe("SUCCEEDED");
    const cliff = report.cliffs!.find((c) => c.kind === "payload")!;
    expect(cliff).toMatchObject({ path: "Assemble", used: report.states.find((s) => s.path === "Assemble")!.maxInputBytes });
    const headline = describeExecution(report);
    expect(headline.tone).toBe("near-limit");
    expect(headline.text).toContain(`${cliff.used.toLocaleString("en-US")} of 262,144 bytes`);
  });

  it("a Retry rule used to its last attempt", () => {
    const report = analyse(loadSandboxHistory("order-flow-payment-retried"));
    expect(report.cliffs).toContainEqual(expect.objectContaining({ kind: "retries", path: "Checks/AuthorizePayment", used: 2, limit: 2 }));
    expect(describeExecution(report).text).toContain("AuthorizePayment used 2 of 2 retries for Payment.GatewayTimeout");
  });

  it("half of the 25,000-event history", () => {
    const report = analyse(generateMapHistory({ items: 1800 }));
    expect(report.status).toBe("SUCCEEDED");
    expect(report.history.events).toBeGreaterThanOrEqual(12_500);
    expect(describeExecution(report).text).toContain(`${report.history.events.toLocaleString("en-US")} of 25,000 events`);
  });

  it("80% of the execution's TimeoutSeconds, read from the definition (no hard-coded year)", () => {
    const h = generateMapHistory({ items: 3 });
    const events = structuredClone(h.events) as HistoryEvent[];
    const start = Date.parse(String(events[0]!.timestamp));
    events[events.length - 1]!.timestamp = new Date(start + 25_000).toISOString(); // it closed 25 s after it started
    const withTimeout = (seconds: number) => JSON.stringify({ ...JSON.parse(h.definition), TimeoutSeconds: seconds });
    const tight = buildExecutionReport(events, { definition: withTimeout(30), now: NOW });
    expect(tight.timeoutSeconds).toBe(30);
    expect(tight.cliffs).toContainEqual(expect.objectContaining({ kind: "execution-timeout", used: 25, limit: 30 }));
    expect(describeExecution(tight).text).toContain("The execution took 25 s of its 30 s TimeoutSeconds (83%)");
    const roomy = buildExecutionReport(events, { definition: withTimeout(300), now: NOW });
    expect(roomy.cliffs!.map((c) => c.kind)).not.toContain("execution-timeout");
  });

  it("none on a plain success: the headline says it succeeded", () => {
    const report = analyse(generateMapHistory({ items: 3 }));
    expect(report.cliffs).toEqual([]);
    expect(describeExecution(report)).toMatchObject({ tone: "succeeded" });
    expect(describeExecution(report).text).toMatch(/^Succeeded in /);
  });
});
