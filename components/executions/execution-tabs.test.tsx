// The execution page's tabs on a real (sandbox-recorded) history: one panel at a time, the choice handed up
// (the URL keeps it), and the States table's rows are the report's visits with their bytes.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { analyseHistory } from "@/lib/analysis";
import { formatBytes, formatBytesExact, formatCount } from "@/lib/analysis/format";
import { assembleTriage, buildGraph } from "@/lib/server/triage-json";
import { loadSandboxHistory } from "@/test-support/sandbox-histories";
import { ExecutionTabs } from "./execution-tabs";

function triageOf(name: string) {
  const h = loadSandboxHistory(name);
  const { report, events } = analyseHistory(h.events, { definition: h.definition, now: "2030-01-01T00:00:00Z" });
  return assembleTriage({
    execution: { executionArn: "arn:aws:states:us-east-1:111111111111:execution:sm:x", stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:sm", name: "x", status: report.status, startDate: report.startedAt!, stopDate: report.stoppedAt, error: null, cause: null, inputBytes: null, outputBytes: null },
    region: "us-east-1",
    definition: { text: h.definition, error: null },
    findings: [],
    graph: buildGraph(h.definition),
    report,
    rows: events,
    history: { complete: true, pagesFetched: 1, reloading: false, error: null },
    payloadsHidden: false,
    consoleUrl: "https://console.aws.amazon.com/",
    fetchedAt: "2030-01-01T00:00:00Z",
  });
}

describe("ExecutionTabs", () => {
  const triage = triageOf("order-flow-payment-declined");

  it("lists the five tabs in the console's words, shows only the open one, and hands a click up", async () => {
    const onTabChange = vi.fn();
    render(<ExecutionTabs triage={triage} tab="cost" onTabChange={onTabChange} />);
    const tabs = screen.getAllByRole("tab").map((t) => t.textContent);
    expect(tabs.map((t) => t!.replace(/[\d$,.%]+$/, ""))).toEqual(["Graph", "Events", "States", "Payloads", "Cost"]);
    expect(screen.getByRole("tab", { name: /^Cost/ }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").textContent).toContain("Transitions and cost");
    expect(screen.queryByTestId("states-table")).toBeNull();
    await userEvent.click(screen.getByRole("tab", { name: /^States/ }));
    expect(onTabChange).toHaveBeenCalledWith("states");
  });

  it("States: one row per visit, with its input and output bytes (exact on hover), sortable", async () => {
    render(<ExecutionTabs triage={triage} tab="states" onTabChange={() => {}} />);
    const visits = triage.report.visits!;
    expect(visits.length).toBeGreaterThan(3);
    const table = screen.getByTestId("states-table");
    const rows = within(table).getAllByTestId("state-visit-row");
    expect(rows.map((r) => r.getAttribute("data-path"))).toEqual(visits.map((v) => v.path));
    const withInput = visits.findIndex((v) => v.inputBytes !== null);
    const cell = within(rows[withInput]!).getByTitle(formatBytesExact(visits[withInput]!.inputBytes));
    expect(cell.textContent).toBe(formatBytes(visits[withInput]!.inputBytes));
    // The failed AuthorizePayment visit says so.
    expect(rows.some((r) => r.getAttribute("data-path") === "Checks/AuthorizePayment" && r.textContent!.includes("failed"))).toBe(true);

    // Input, largest first; unknown sizes last.
    await userEvent.click(within(table).getByRole("button", { name: "Input" }));
    const header = within(table).getByRole("button", { name: /Input/ }).closest("th")!;
    expect(header.getAttribute("aria-sort")).toBe("descending");
    const sorted = within(table).getAllByTestId("state-visit-row").map((r) => r.getAttribute("data-path"));
    const expected = [...visits].sort((a, b) => (b.inputBytes ?? -1) - (a.inputBytes ?? -1) || a.index - b.index).map((v) => v.path);
    expect(sorted).toEqual(expected);
  });

  it("Payloads: the chart and the exact table; Events: the 25,000 budget", () => {
    const { unmount } = render(<ExecutionTabs triage={triage} tab="payloads" onTabChange={() => {}} />);
    expect(screen.getAllByTestId("payload-row").length).toBeGreaterThan(0);
    unmount();
    const near = triageOf("report-builder-near-cap");
    render(<ExecutionTabs triage={near} tab="cost" onTabChange={() => {}} />);
    expect(screen.getByTestId("cost-transitions").textContent).toBe(formatCount(near.report.cost.transitions));
  });
});
