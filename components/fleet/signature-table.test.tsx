// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { FailureSignature, IndexStatus } from "@/lib/domain/failures";
import { IndexProgress } from "./index-progress";
import { SignatureTable } from "./signature-table";

afterEach(cleanup);

const signature = (over: Partial<FailureSignature> = {}): FailureSignature => ({
  signatureId: "0123456789abcdef",
  stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:orders",
  stateMachineName: "orders",
  region: "us-east-1",
  originPath: "Charge",
  originError: "Payment.Declined",
  normalisedCause: "card declined (request id: <id>)",
  sampleCause: "card declined (request id: 9a8b)",
  statuses: ["FAILED"],
  count: 1234,
  firstSeenAt: "2026-11-30T10:00:00.000Z",
  lastSeenAt: "2026-11-30T11:00:00.000Z",
  isNew: true,
  newestExecutionArn: "arn:aws:states:us-east-1:111111111111:execution:orders:x",
  alarms: [{ alarmName: "orders-failed", metricName: "ExecutionsFailed", stateValue: "ALARM" }],
  hourly: [0, 3, 1231],
  ...over,
});

const status: IndexStatus = {
  backend: "sqlite",
  stored: 3000,
  pending: 2400,
  oldestPendingAt: "2026-11-30T11:55:00.000Z",
  pagesBehind: 2,
  dropped: { age: 12, size: 0, expiredTokens: 0 },
  retention: { maxAgeDays: 30, maxBytes: 1024 ** 3 },
  storedBytes: 1_000_000,
};

describe("SignatureTable", () => {
  it("shows each signature's count, error, where, new badge, sparkline and alarm state, linking to its page", () => {
    render(<SignatureTable signatures={[signature(), signature({ signatureId: "fedcba9876543210", originError: "States.Timeout", count: 5, isNew: false, alarms: [] })]} window={{ window: "6h" }} />);
    const rows = within(screen.getByRole("table", { name: "Failure signatures" })).getAllByTestId("signature-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole("cell", { name: "1,234" })).toBeTruthy();
    expect(within(rows[0]!).getByRole("link", { name: "Payment.Declined" }).getAttribute("href")).toBe("/signatures/0123456789abcdef?window=6h");
    expect(within(rows[0]!).getByText("NEW")).toBeTruthy();
    expect(within(rows[0]!).getByText("ALARM")).toBeTruthy();
    expect(within(rows[0]!).getByRole("img", { name: "1,234 in 3 h, at most 1,231 in one hour" })).toBeTruthy();
    expect(within(rows[1]!).queryByText("NEW")).toBeNull();
    expect(within(rows[1]!).getByText("no alarm")).toBeTruthy();
  });

  it("says so when the window holds no failure", () => {
    render(<SignatureTable signatures={[]} window={{}} />);
    expect(screen.getByRole("heading", { name: "No failures in the last 24 hours" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Widen to the last 7 days" }).getAttribute("href")).toBe("/?window=7d");
  });

  it("names the filters that narrowed an empty window, and keeps them when widening", () => {
    render(<SignatureTable signatures={[]} window={{ window: "1h", status: "TIMED_OUT" }} />);
    expect(screen.getByRole("heading", { name: "No failures in the last hour" })).toBeTruthy();
    expect(screen.getByTestId("no-failures").textContent).toContain("matching status TIMED_OUT");
    expect(screen.getByRole("link", { name: "Widen to the last 7 days" }).getAttribute("href")).toBe("/?status=TIMED_OUT&window=7d");
    expect(screen.getByRole("link", { name: "Clear the filters" }).getAttribute("href")).toBe("/");
  });
});

describe("IndexProgress", () => {
  it("says it is catching up, how far behind, and what retention dropped", () => {
    render(<IndexProgress status={status} nowMs={Date.parse("2026-11-30T12:00:00Z")} />);
    const line = screen.getByRole("status");
    expect(line.textContent).toContain("Catching up: 2,400 failures waiting for their history, the oldest 5 min old; 2 ListExecutions pages still to read.");
    expect(line.textContent).toContain("dropped so far: 12 by age, 0 by size");
  });

  it("says it is up to date when nothing is pending", () => {
    render(<IndexProgress status={{ ...status, pending: 0, pagesBehind: 0, oldestPendingAt: null, dropped: { age: 0, size: 0, expiredTokens: 0 } }} nowMs={0} />);
    expect(screen.getByRole("status").textContent).toContain("Failure index up to date: 3,000 failures stored (sqlite).");
    expect(screen.getByRole("status").textContent).toContain("nothing dropped");
  });
});
