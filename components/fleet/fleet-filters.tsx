"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { FLEET_WINDOWS, type FleetFilters } from "@/lib/analysis/fleet/fleet-views";
import type { FleetStateMachine } from "@/lib/domain/fleet";

/** Status, state machine, error and window filters, kept in the URL so the view is a shareable link. */
export function FleetFiltersBar({ filters, stateMachines }: { filters: FleetFilters; stateMachines: FleetStateMachine[] }) {
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
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Status
        <select value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
          <option value="">Failed and timed out</option>
          <option value="FAILED">FAILED</option>
          <option value="TIMED_OUT">TIMED_OUT</option>
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
        Error contains
        <input defaultValue={filters.error ?? ""} onBlur={(e) => set("error", e.target.value.trim())} onKeyDown={(e) => e.key === "Enter" && set("error", e.currentTarget.value.trim())} placeholder="States.Timeout" />
      </label>
      <label>
        Window
        <select value={filters.window ?? ""} onChange={(e) => set("window", e.target.value)}>
          <option value="">{filters.from || filters.to ? "Custom (from/to)" : "Everything polled"}</option>
          {FLEET_WINDOWS.map((w) => (
            <option key={w} value={w}>
              Last {w}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
