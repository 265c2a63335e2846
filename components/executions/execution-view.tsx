"use client";
import { useQuery } from "@tanstack/react-query";
import { describeFailure } from "@/lib/analysis/headline/describe-failure";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { executionQuery } from "@/lib/queries/options";
import { CostPanel } from "../cost/cost-panel";
import { Freshness } from "../common/freshness";
import { LazyPayloadChart as PayloadChart, LazyStateGraph as StateGraph } from "../lazy";
import { PayloadTable } from "../payloads/payload-table";
import { Runs } from "./runs";
import { ExecutionHeadline } from "./execution-headline";
import { HistoryBudgetPanel } from "./history-budget";
import { Timeline } from "./timeline";

/** The triage page body, refreshed until the whole history is in. */
export function ExecutionView({ initial }: { initial: ExecutionTriage }) {
  const query = useQuery({ ...executionQuery(initial.execution.executionArn), initialData: initial });
  const triage = query.data;
  const { report, history } = triage;
  const browserError = query.isRefetchError && query.error ? { kind: "network", message: query.error.message } : null;
  return (
    <>
      <Freshness updatedAt={triage.fetchedAt} error={browserError ?? history.error} staleAfterMs={triage.execution.status === "RUNNING" ? 30_000 : Infinity} />
      {!history.complete ? (
        <p role="status" data-testid="history-progress">
          Loading history: {history.eventsFetched.toLocaleString("en-US")} events in {history.pagesFetched} page{history.pagesFetched === 1 ? "" : "s"}…
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
      <ExecutionHeadline triage={triage} summary={describeFailure(report)} />
      <h2>State graph</h2>
      {triage.definition ? (
        <StateGraph definition={triage.definition} report={report} findings={triage.findings} />
      ) : (
        <p role="alert">The definition could not be read: {triage.definitionError}</p>
      )}
      <h2>Payloads against 262,144 bytes</h2>
      {triage.payloadsHidden ? <p className="muted">Payload contents are hidden on this server; sizes are still shown.</p> : null}
      <PayloadChart states={report.states} />
      <PayloadTable states={report.states} />
      <div className="grid-2">
        <HistoryBudgetPanel history={report.history} />
        <CostPanel cost={report.cost} />
      </div>
      <Runs runs={report.runs} />
      <h2>Timeline</h2>
      <Timeline executionArn={triage.execution.executionArn} events={triage.timeline} truncated={triage.timelineTruncated} payloadsHidden={triage.payloadsHidden} />
    </>
  );
}
