"use client";
import { AccountErrors } from "./account-errors";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { findStuck, findUnboundedTasks, groupSilentTimeouts } from "@/lib/analysis/fleet/fleet-views";
import type { FailureExecutionsPage, FailureSignaturesPage } from "@/lib/domain/failures";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { failureExecutionsQuery, failureSignaturesQuery, fleetQuery } from "@/lib/queries/options";
import { Freshness } from "../common/freshness";
import { useNow } from "../common/use-now";
import { FailureExecutionsTable } from "./failure-executions-table";
import { FleetFiltersBar, type FailureFilters } from "./fleet-filters";
import styles from "./fleet.module.css";
import { IndexProgress } from "./index-progress";
import { SignatureTable } from "./signature-table";
import { SilentTimeouts } from "./silent-timeouts";
import { StateMachineTable } from "./state-machine-table";
import { StuckExecutions } from "./stuck-executions";
import { formatCount } from "@/lib/analysis/format";

interface Props {
  initial: { snapshot: FleetSnapshot; signatures: FailureSignaturesPage; executions: FailureExecutionsPage };
  /** The canonical /api/failures query of the filters (no group, no cursor). */
  params: string;
  filters: FailureFilters;
  signaturesPerPage: number;
}

function withGroup(params: string, limit: number): string {
  const query = new URLSearchParams(params);
  query.set("group", "signature");
  query.set("limit", String(limit));
  return query.toString();
}

/** The fleet page body in triage order: what is on fire (signatures), silent timeouts and stuck executions, the failing executions, then the state machines and their alarms. */
export function FleetView({ initial, params, filters, signaturesPerPage }: Props) {
  const fleet = useQuery({ ...fleetQuery(), initialData: initial.snapshot });
  const signatureParams = withGroup(params, signaturesPerPage);
  const signatures = useInfiniteQuery({ ...failureSignaturesQuery(signatureParams), initialData: { pages: [initial.signatures], pageParams: [null] } });
  const executionParams = new URLSearchParams(params);
  executionParams.set("limit", "25");
  const executions = useInfiniteQuery({ ...failureExecutionsQuery(executionParams.toString()), initialData: { pages: [initial.executions], pageParams: [null] } });
  const snapshot = fleet.data;
  const now = useNow(Date.parse(initial.snapshot.servedAt), 5000);
  const first = signatures.data.pages[0]!;
  const allSignatures = signatures.data.pages.flatMap((p) => p.signatures);
  const allExecutions = executions.data.pages.flatMap((p) => p.executions);
  const browserError = fleet.isRefetchError && fleet.error ? { kind: "network", message: fleet.error.message } : null;

  return (
    <>
      <div className={styles.statusStrip}>
        <Freshness updatedAt={snapshot.updatedAt} error={browserError ?? snapshot.error} staleAfterMs={snapshot.pollIntervalMs * 2 + 10_000} />
        <IndexProgress status={first.status} nowMs={now} />
      </div>
      <AccountErrors accounts={snapshot.accounts ?? []} />
      <FleetFiltersBar filters={filters} stateMachines={snapshot.stateMachines} />
      <section className={first.total > 0 ? `panel panel-answer ${styles.onFire}` : `panel ${styles.onFire}`} aria-labelledby="on-fire-title">
        <h2 id="on-fire-title">
          On fire: {formatCount(first.total)} failures in {allSignatures.length}
          {signatures.hasNextPage ? "+" : ""} signature{allSignatures.length === 1 ? "" : "s"}
        </h2>
        <SignatureTable signatures={allSignatures} window={filters as Record<string, string | undefined>} />
        {signatures.hasNextPage ? (
          <button type="button" className={styles.more} onClick={() => void signatures.fetchNextPage()} disabled={signatures.isFetchingNextPage}>
            {signatures.isFetchingNextPage ? "Loading…" : "More signatures"}
          </button>
        ) : null}
      </section>
      <div className={styles.panels}>
        <SilentTimeouts groups={groupSilentTimeouts(first.timeouts, snapshot.stateMachines)} unboundedTasks={findUnboundedTasks(snapshot.stateMachines)} />
        <StuckExecutions stuck={findStuck(snapshot, now)} running={snapshot.running.length} />
      </div>
      <h2>
        Failing executions <span className="muted">({formatCount(allExecutions.length)} of {formatCount(executions.data.pages[0]!.total)})</span>
      </h2>
      <FailureExecutionsTable executions={allExecutions} />
      {executions.hasNextPage ? (
        <button type="button" className={styles.more} onClick={() => void executions.fetchNextPage()} disabled={executions.isFetchingNextPage}>
          {executions.isFetchingNextPage ? "Loading…" : "Older executions"}
        </button>
      ) : null}
      <h2>State machines</h2>
      <StateMachineTable stateMachines={snapshot.stateMachines} coverage={first.coverage} regions={snapshot.regions} />
    </>
  );
}
