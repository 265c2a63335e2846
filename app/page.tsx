import { FleetView } from "@/components/fleet/fleet-view";
import { FLEET_SIGNATURES_PER_PAGE, getFleetPage } from "@/lib/server/fleet-page";

export const dynamic = "force-dynamic";

export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await getFleetPage(await searchParams);
  return (
    <>
      <h1>Fleet</h1>
      <p className="muted">
        Failures across {page.snapshot.stateMachines.length} state machines in {page.snapshot.regions.join(", ")}, grouped by cause.
      </p>
      {page.badFilter ? (
        <p className="stale" role="alert">
          The link&apos;s filters were not understood ({page.badFilter}); showing the last 24 hours.
        </p>
      ) : null}
      <FleetView initial={page} params={page.params} filters={page.filters} signaturesPerPage={FLEET_SIGNATURES_PER_PAGE} />
    </>
  );
}
