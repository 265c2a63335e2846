import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Freshness } from "./freshness";

const UPDATED = "2026-11-23T15:00:00.000Z";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-23T15:00:12.000Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Freshness", () => {
  it("says how old fresh data is, as a status, and keeps counting", () => {
    render(<Freshness updatedAt={UPDATED} error={null} staleAfterMs={60_000} />);
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("Last updated 12 s ago");
    expect(status.getAttribute("data-stale")).toBe("false");
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.getByRole("status").textContent).toBe("Last updated 22 s ago");
  });

  it("marks data older than staleAfterMs as stale, with its age", () => {
    render(<Freshness updatedAt={UPDATED} error={null} staleAfterMs={10_000} />);
    expect(screen.getByRole("status").textContent).toBe("Stale: Last updated 12 s ago");
    expect(screen.getByRole("status").getAttribute("data-stale")).toBe("true");
  });

  it("marks data stale when the last refresh failed, and says why: throttling by name", () => {
    const { rerender } = render(<Freshness updatedAt={UPDATED} error={{ kind: "throttled", message: "Rate exceeded" }} staleAfterMs={60_000} />);
    expect(screen.getByRole("status").textContent).toBe("Stale: Last updated 12 s ago — AWS is throttling us: Rate exceeded");
    rerender(<Freshness updatedAt={UPDATED} error={{ kind: "unavailable", message: "HTTP 503" }} staleAfterMs={60_000} />);
    expect(screen.getByRole("status").textContent).toBe("Stale: Last updated 12 s ago — last refresh failed: HTTP 503");
  });

  it("before the first good poll: waiting, or the reason there is no data", () => {
    const { rerender } = render(<Freshness updatedAt={null} error={null} staleAfterMs={60_000} />);
    expect(screen.getByRole("status").textContent).toBe("Waiting for the first poll…");
    rerender(<Freshness updatedAt={null} error={{ kind: "forbidden", message: "AccessDenied" }} staleAfterMs={60_000} />);
    expect(screen.getByRole("status").textContent).toBe("No data yet: AccessDenied");
  });

  it("data fetched this instant reads \"just now\", not \"0 ms ago\"", () => {
    render(<Freshness updatedAt="2026-11-23T15:00:12.000Z" error={null} staleAfterMs={60_000} />);
    expect(screen.getByRole("status").textContent).toBe("Last updated just now");
  });
});
