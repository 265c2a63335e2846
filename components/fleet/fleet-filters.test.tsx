import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FleetStateMachine } from "@/lib/domain/fleet";
import { FleetFiltersBar } from "./fleet-filters";

const replace = vi.fn();
let search = "";
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(search),
}));

const stateMachines = [
  { stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders", name: "orders", region: "us-east-1" },
  { stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:exports", name: "exports", region: "eu-west-1" },
] as FleetStateMachine[];

beforeEach(() => {
  replace.mockClear();
  search = "";
});

describe("FleetFiltersBar", () => {
  it("shows the filters of the URL in labelled controls", () => {
    search = "status=TIMED_OUT&stateMachine=arn%3Aaws%3Astates%3Aeu-west-1%3A123456789012%3AstateMachine%3Aexports&q=Timeout&window=1h";
    render(<FleetFiltersBar filters={{ status: "TIMED_OUT", stateMachine: stateMachines[1]!.stateMachineArn, q: "Timeout", window: "1h" }} stateMachines={stateMachines} />);
    expect(screen.getByRole("search", { name: "Filters" })).toBeTruthy();
    expect((screen.getByRole("combobox", { name: "Status" }) as HTMLSelectElement).value).toBe("TIMED_OUT");
    expect((screen.getByRole("combobox", { name: "State machine" }) as HTMLSelectElement).value).toBe(stateMachines[1]!.stateMachineArn);
    expect((screen.getByRole("searchbox", { name: /Search error, cause, state, name/ }) as HTMLInputElement).value).toBe("Timeout");
    expect((screen.getByRole("combobox", { name: "Window" }) as HTMLSelectElement).value).toBe("1h");
    // Every state machine is offered by name and region.
    expect(screen.getByRole("option", { name: "exports (eu-west-1)" })).toBeTruthy();
    expect(screen.getByRole("option", { name: "orders (us-east-1)" })).toBeTruthy();
  });

  it("puts a chosen status in the URL, keeping the other filters, and without scrolling", async () => {
    search = "q=Timeout";
    render(<FleetFiltersBar filters={{ q: "Timeout" }} stateMachines={stateMachines} />);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "FAILED");
    expect(replace).toHaveBeenCalledWith("/?q=Timeout&status=FAILED", { scroll: false });
  });

  it("removes a filter set back to its default, down to the bare path", async () => {
    search = "status=FAILED";
    render(<FleetFiltersBar filters={{ status: "FAILED" }} stateMachines={stateMachines} />);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "Failed, timed out, aborted");
    expect(replace).toHaveBeenCalledWith("/", { scroll: false });
  });

  it("replaces an explicit from/to with a chosen window", async () => {
    search = "from=2026-11-23T00%3A00%3A00Z&to=2026-11-23T01%3A00%3A00Z&status=FAILED";
    render(<FleetFiltersBar filters={{ from: "2026-11-23T00:00:00Z", to: "2026-11-23T01:00:00Z", status: "FAILED" }} stateMachines={stateMachines} />);
    expect(screen.getByRole("option", { name: "Custom (from/to)" })).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Window" }), "Last 6h");
    expect(replace).toHaveBeenCalledWith("/?status=FAILED&window=6h", { scroll: false });
  });

  it("applies the search text on Enter, trimmed", async () => {
    render(<FleetFiltersBar filters={{}} stateMachines={stateMachines} />);
    await userEvent.type(screen.getByRole("searchbox", { name: /Search error, cause, state, name/ }), "  States.Timeout {Enter}");
    expect(replace).toHaveBeenLastCalledWith("/?q=States.Timeout", { scroll: false });
  });
});
