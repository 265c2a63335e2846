"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { executionQuery } from "@/lib/queries/options";
import { formatCount } from "@/lib/analysis/format";
import { Freshness } from "../common/freshness";
import { ExecutionHeadline } from "./execution-headline";
import { ExecutionTabs } from "./execution-tabs";
import { defaultTab } from "./tabs";
import { useExecutionTab } from "./use-tab";
import styles from "./execution.module.css";

/** execution · state machine (linked) · region. */
function Breadcrumb({ triage }: { triage: ExecutionTriage }) {
  const { execution, region } = triage;
  const machine = execution.stateMachineArn.split(":").pop() ?? execution.stateMachineArn;
  return (
    <nav aria-label="Breadcrumb">
      <ol className={styles.crumbs}>
        <li>
          <Link href="/">Fleet</Link>
        </li>
        <li>
          <Link href={`/state-machines/${encodeURIComponent(execution.stateMachineArn)}`} data-testid="state-machine-link">
            {machine}
          </Link>
        </li>
        <li>
          <code data-testid="execution-name">{execution.name}</code>
        </li>
        <li>{region}</li>
      </ol>
    </nav>
  );
}

/** The triage page body: the answer first, then the evidence in tabs (the one open named in the URL); refreshed until the history is in. */
export function ExecutionView({ executionArn }: { executionArn: string }) {
  const query = useQuery(executionQuery(executionArn));
  const triage = query.data;
  const [tab, setTab] = useExecutionTab(triage ? defaultTab(triage) : "graph");
  if (!triage) return <p role="status">Loading the execution…</p>;
  const { report, history } = triage;
  const browserError = query.isRefetchError && query.error ? { kind: "network", message: query.error.message } : null;
  return (
    <>
      <Breadcrumb triage={triage} />
      <ExecutionHeadline triage={triage} />
      <Freshness updatedAt={triage.fetchedAt} error={browserError ?? history.error} staleAfterMs={triage.execution.status === "RUNNING" ? 30_000 : Infinity} />
      {!history.complete ? (
        <p role="status" data-testid="history-progress">
          {history.reloading ? "Reading the history again" : "Loading history"}: {formatCount(history.eventsFetched)}
          {history.eventsTotal !== null ? ` of ${formatCount(history.eventsTotal)}` : ""} events in {formatCount(history.pagesFetched)} page
          {history.pagesFetched === 1 ? "" : "s"}…
          {history.error ? ` stopped: ${history.error.message}` : ""}
        </p>
      ) : null}
      {report.incomplete.length > 0 ? (
        <ul className="muted" aria-label="What this report could not know">
          {report.incomplete.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <ExecutionTabs triage={triage} tab={tab} onTabChange={setTab} />
    </>
  );
}
