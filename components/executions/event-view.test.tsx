import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EventPage, ExecutionTriage, TimelineEvent } from "@/lib/domain/triage";
import { EventView } from "./event-view";

const ARN = "arn:aws:states:us-east-1:123456789012:execution:order-flow:run-1";

function row(id: number, type: string, path: string | null, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id, previousEventId: id - 1, timestamp: `2026-12-01T10:00:${String(id).padStart(2, "0")}Z`, type, state: path?.split("/").pop() ?? null, path,
    visit: 0, iteration: null, error: null, cause: null, payloadBytes: null, payloadField: null, elapsedMs: id * 1000, sincePreviousMs: 1000,
    isError: false, isRetry: false, ...extra,
  };
}

const ALL = [
  row(6, "ExecutionFailed", null, { error: "Order.Compensated", isError: true }),
  row(5, "FailStateEntered", "OrderFailed"),
  row(4, "TaskFailed", "Checks/AuthorizePayment", { error: "Payment.Declined", isError: true }),
  row(3, "TaskScheduled", "Checks/AuthorizePayment", { isRetry: true }),
  row(2, "TaskStateEntered", "Checks/AuthorizePayment"),
  row(1, "ExecutionStarted", null),
];

/** The server's answer to /api/executions/{arn}/events, filtered as the route does. */
function answer(url: URL): EventPage {
  const state = url.searchParams.get("state");
  const kind = url.searchParams.get("kind");
  const q = url.searchParams.get("q")?.toLowerCase();
  const events = ALL.filter((e) => (!state || e.path === state) && (kind !== "errors" || e.isError) && (kind !== "retries" || e.isRetry) && (!q || `${e.type} ${e.path} ${e.error}`.toLowerCase().includes(q)));
  return { events, matched: events.length, nextBefore: null, complete: true, eventsLoaded: ALL.length, eventsTotal: ALL.length };
}

const asked: URL[] = [];
beforeEach(() => {
  asked.length = 0;
  vi.stubGlobal("fetch", vi.fn(async (input: string) => {
    const url = new URL(input, "http://localhost");
    asked.push(url);
    return new Response(JSON.stringify(answer(url)), { status: 200, headers: { "content-type": "application/json" } });
  }));
});
afterEach(() => vi.unstubAllGlobals());

function triage(): ExecutionTriage {
  return {
    execution: { executionArn: ARN },
    timeline: ALL,
    timelineTruncated: false,
    history: { complete: true, eventsFetched: ALL.length, eventsTotal: ALL.length },
    payloadsHidden: false,
    report: { states: [{ path: "Checks/AuthorizePayment", entered: 1, events: 3 }, { path: "OrderFailed", entered: 1, events: 1 }] },
  } as unknown as ExecutionTriage;
}

function renderView() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <EventView triage={triage()} />
    </QueryClientProvider>,
  );
}

const shownIds = () => within(screen.getByRole("table", { name: "Events, newest first" })).getAllByRole("row").slice(1).map((r) => Number(within(r).getAllByRole("cell")[0]!.textContent));

describe("EventView filters", () => {
  it("shows every event newest first from the triage itself, without asking the server", () => {
    renderView();
    expect(shownIds()).toEqual([6, 5, 4, 3, 2, 1]);
    expect(asked).toEqual([]);
  });

  it("errors only: asks for kind=errors and shows just the events that carry an error", async () => {
    renderView();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Events" }), "Errors only");
    await waitFor(() => expect(shownIds()).toEqual([6, 4]));
    expect(asked.at(-1)?.searchParams.get("kind")).toBe("errors");
  });

  it("retries and a state: the filters combine", async () => {
    renderView();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "State" }), "Checks/AuthorizePayment");
    await waitFor(() => expect(shownIds()).toEqual([4, 3, 2]));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Events" }), "Retries");
    await waitFor(() => expect(shownIds()).toEqual([3]));
    expect(Object.fromEntries(asked.at(-1)!.searchParams)).toMatchObject({ state: "Checks/AuthorizePayment", kind: "retries" });
  });

  it("search applies on submit, trimmed", async () => {
    renderView();
    await userEvent.type(screen.getByRole("searchbox", { name: "Search" }), "  payment.declined ");
    expect(asked).toEqual([]);
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() => expect(shownIds()).toEqual([4]));
    expect(asked.at(-1)?.searchParams.get("q")).toBe("payment.declined");
  });
});
