"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FleetStateMachine } from "@/lib/domain/fleet";

/** The fleet's filters as they live in the URL (the /api/failures query without group and cursor). */
export interface FailureFilters {
  window?: string;
  from?: string;
  to?: string;
  stateMachine?: string;
  status?: string;
  q?: string;
}

const WINDOWS = ["1h", "6h", "24h", "7d"];

/** Window, status, state machine and search, kept in the URL so the view is a shareable link. */
export function FleetFiltersBar({ filters, stateMachines }: { filters: FailureFilters; stateMachines: FleetStateMachine[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  function set(key: string, value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "window") {
      next.delete("from");
      next.delete("to");
    }
    next.delete("error");
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <form className="filters" role="search" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Window
        <select value={filters.window ?? (filters.from || filters.to ? "" : "24h")} onChange={(e) => set("window", e.target.value)}>
          {filters.from || filters.to ? <option value="">Custom (from/to)</option> : null}
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              Last {w}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
          <option value="">Failed, timed out, aborted</option>
          <option value="FAILED">FAILED</option>
          <option value="TIMED_OUT">TIMED_OUT</option>
          <option value="ABORTED">ABORTED</option>
        </select>
      </label>
      <label>
        State machine
        <select value={filters.stateMachine ?? ""} onChange={(e) => set("stateMachine", e.target.value)}>
          <option value="">All</option>
          {stateMachines.map((sm) => (
            <option key={sm.stateMachineArn} value={sm.stateMachineArn}>
              {sm.name} ({sm.region})
            </option>
          ))}
        </select>
      </label>
      <label>
        Search error, cause, state, name
        <input
          type="search"
          name="q"
          defaultValue={filters.q ?? ""}
          maxLength={256}
          onBlur={(e) => set("q", e.target.value.trim())}
          onKeyDown={(e) => e.key === "Enter" && set("q", e.currentTarget.value.trim())}
          placeholder="States.Timeout"
        />
      </label>
    </form>
  );
}
