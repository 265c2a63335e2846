import { toFleetFilters } from "@/lib/analysis/fleet/fleet-views";
import { getFleetSnapshot } from "@/lib/server/fleet";
import { FleetView } from "@/components/fleet/fleet-view";

export const dynamic = "force-dynamic";

export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [snapshot, params] = await Promise.all([getFleetSnapshot(), searchParams]);
  return (
    <>
      <h1>Fleet</h1>
      <p className="muted">
        Failing and timed-out executions across {snapshot.stateMachines.length} state machines in {snapshot.regions.join(", ")}.
      </p>
      <FleetView initial={snapshot} filters={toFleetFilters(params)} />
    </>
  );
}
