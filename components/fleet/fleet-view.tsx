"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { filterFailing, findSilentTimeouts, findStuck, findUnboundedTasks, type FleetFilters } from "@/lib/analysis/fleet/fleet-views";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { fleetQuery } from "@/lib/queries/options";
import { Freshness } from "../common/freshness";
import { useNow } from "../common/use-now";
import { FleetFiltersBar } from "./fleet-filters";
import { FleetTable } from "./fleet-table";
import { SilentTimeouts } from "./silent-timeouts";
import { StateMachineTable } from "./state-machine-table";
import { StuckExecutions } from "./stuck-executions";

/** The fleet page body: live failing executions, silent timeouts, stuck runs, state machines. */
export function FleetView({ initial, filters }: { initial: FleetSnapshot; filters: FleetFilters }) {
  const query = useQuery({ ...fleetQuery(), initialData: initial });
  const snapshot = query.data;
  const now = useNow(Date.parse(initial.servedAt), 5000);
  // Executions on screen when the page opened; anything else is a new arrival.
  const [seenAtOpen] = useState(() => new Set(initial.failing.map((e) => e.executionArn)));
  const arrived = new Set(snapshot.failing.map((e) => e.executionArn).filter((arn) => !seenAtOpen.has(arn)));

  const failing = filterFailing(snapshot.failing, filters, now);
  const serverError = snapshot.error;
  const browserError = query.isRefetchError && query.error ? { kind: "network", message: query.error.message } : null;

  return (
    <>
      <Freshness updatedAt={snapshot.updatedAt} error={browserError ?? serverError} staleAfterMs={snapshot.pollIntervalMs * 2 + 10_000} />
      <div className="grid-2">
        <SilentTimeouts timeouts={findSilentTimeouts(snapshot)} unboundedTasks={findUnboundedTasks(snapshot.stateMachines)} />
        <StuckExecutions stuck={findStuck(snapshot, now)} running={snapshot.running.length} />
      </div>
      <h2>
        Failing executions <span className="muted">({failing.length} of {snapshot.failing.length})</span>
      </h2>
      <FleetFiltersBar filters={filters} stateMachines={snapshot.stateMachines} />
      <FleetTable executions={failing} arrived={arrived} />
      <h2>State machines</h2>
      <StateMachineTable stateMachines={snapshot.stateMachines} />
    </>
  );
}
