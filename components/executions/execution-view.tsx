"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { executionQuery } from "@/lib/queries/options";
import { CostPanel } from "../cost/cost-panel";
import { Freshness } from "../common/freshness";
import { LazyPayloadChart as PayloadChart, LazyStateGraph as StateGraph } from "../lazy";
import { PayloadTable } from "../payloads/payload-table";
import { EventView } from "./event-view";
import { ExecutionHeadline } from "./execution-headline";
import { HistoryBudgetPanel } from "./history-budget";
import { Runs } from "./runs";
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

/** The triage page body: the answer first, then the graph, the events and the figures; refreshed until the history is in. */
export function ExecutionView({ executionArn }: { executionArn: string }) {
  const query = useQuery(executionQuery(executionArn));
  const triage = query.data;
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
          {history.reloading ? "Reading the history again" : "Loading history"}: {history.eventsFetched.toLocaleString("en-US")}
          {history.eventsTotal !== null ? ` of ${history.eventsTotal.toLocaleString("en-US")}` : ""} events in {history.pagesFetched} page
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
      <h2>State graph</h2>
      {triage.graph && triage.definition ? (
        <StateGraph
          definition={triage.definition}
          model={triage.graph.model}
          overlay={triage.graph.overlay}
          findings={triage.findings}
          execution={{ arn: triage.execution.executionArn, payloadsHidden: triage.payloadsHidden }}
        />
      ) : (
        <p role="alert">{triage.graphError ? `This definition can't be drawn: ${triage.graphError}` : `The definition could not be read: ${triage.definitionError ?? "unknown error"}`}</p>
      )}
      <h2>Payloads against 262,144 bytes</h2>
      {triage.payloadsHidden ? <p className="muted">Payload contents are hidden on this server; sizes are still shown.</p> : null}
      <PayloadChart states={report.states} />
      <PayloadTable states={report.states} failure={report.failure} />
      <div className="grid-2">
        <HistoryBudgetPanel history={report.history} />
        <CostPanel cost={report.cost} />
      </div>
      <Runs runs={report.runs} />
      {/* Last: it can run to 500 rows a page, and the figures above should not sit below it. */}
      <EventView triage={triage} />
    </>
  );
}
