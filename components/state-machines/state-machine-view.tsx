"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { BellOff, BellRing } from "lucide-react";
import type { StateMachineView as View } from "@/lib/domain/state-machine-view";
import { stateMachineQuery } from "@/lib/queries/options";
import { LazyMetricsChart as MetricsChart, LazyStateGraph as StateGraph } from "../lazy";
import { formatCount, formatDuration } from "@/lib/analysis/format";
import { Freshness } from "../common/freshness";
import { Time } from "../common/time";
import { FindingsList } from "../findings/findings-list";
import { FleetTable } from "../fleet/fleet-table";
import { AggregatesTable } from "./aggregates-table";
import { CostSummary } from "./cost-summary";

const NO_ARRIVALS: ReadonlySet<string> = new Set();
// The newest failures answer "what is failing"; the rest waits behind a button, so the graph and findings stay
// within reach on a phone (23 cards were a 7,700 px page).
const FIRST_FAILURES = 8;

/** The state machine page body, in triage order: what is failing now → the definition's evidence → metrics and cost. */
export function StateMachineView({ initial, window }: { initial: View; window: { from?: string; to?: string } }) {
  const query = useQuery({ ...stateMachineQuery(initial.stateMachine.stateMachineArn, window), initialData: initial });
  const view = query.data;
  const series = view.metrics?.byStateMachine[view.stateMachine.stateMachineArn];
  const aggregates = Object.fromEntries(view.aggregates.map((a) => [a.path, a]));
  const alarms = view.fleet?.alarms ?? [];
  const [allFailures, setAllFailures] = useState(false);
  const shownFailures = allFailures ? view.failing : view.failing.slice(0, FIRST_FAILURES);
  return (
    <>
      <p className="muted">
        {view.stateMachine.type} · {view.stateMachine.region} · window <Time iso={view.window.from} /> → <Time iso={view.window.to} />
        {view.fleet?.p99DurationMs ? ` · p99 duration ${formatDuration(view.fleet.p99DurationMs)}` : ""}
      </p>
      <Freshness updatedAt={view.fetchedAt} error={view.metricsError} staleAfterMs={90_000} />

      <section className={view.failing.length > 0 ? "panel panel-answer" : "panel"} aria-labelledby="failing-title">
        <h2 id="failing-title">
          {view.failing.length > 0 ? `${formatCount(view.failing.length)} failing execution${view.failing.length === 1 ? "" : "s"} in this window` : "No failing executions in this window"}
        </h2>
        {alarms.length > 0 ? (
          <p>
            <BellRing size={14} aria-hidden className="icon" /> Watched by{" "}
            {alarms.map((a, i) => (
              <span key={a.alarmName}>
                {i > 0 ? ", " : ""}
                {a.alarmName} <span className="muted">({a.metricName}:</span> <strong className={a.stateValue === "ALARM" ? "status-FAILED" : undefined}>{a.stateValue}</strong>
                <span className="muted">)</span>
              </span>
            ))}
          </p>
        ) : (
          <p data-testid="no-alarm" className="status-TIMED_OUT">
            <BellOff size={14} aria-hidden className="icon" /> No alarm watches ExecutionsFailed or ExecutionsTimedOut: failures here are silent.
          </p>
        )}
        {view.failing.length > 0 ? <FleetTable executions={shownFailures} arrived={NO_ARRIVALS} hideStateMachine /> : null}
        {shownFailures.length < view.failing.length ? (
          <button type="button" onClick={() => setAllFailures(true)}>
            Show all {formatCount(view.failing.length)} failing executions
          </button>
        ) : null}
      </section>

      <h2>State graph</h2>
      <StateGraph definition={view.stateMachine.definition} findings={view.findings} aggregates={aggregates} />
      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <FindingsList findings={view.findings} />
      </section>
      <h2>Per state, over {formatCount(view.analysedExecutions)} recent executions</h2>
      <AggregatesTable aggregates={view.aggregates} analysed={view.analysedExecutions} />

      <h2>Metrics</h2>
      {view.metrics?.partial ? <p className="stale">CloudWatch returned partial data for this window.</p> : null}
      <div className="grid-2">
        <MetricsChart
          title="Executions"
          series={[
            { key: "started", label: "started", color: "var(--running)", points: series?.["ExecutionsStarted:Sum"] ?? [] },
            { key: "failed", label: "failed", color: "var(--failed)", points: series?.["ExecutionsFailed:Sum"] ?? [] },
            { key: "timedOut", label: "timed out", color: "var(--timed-out)", points: series?.["ExecutionsTimedOut:Sum"] ?? [] },
            { key: "throttled", label: "throttled", color: "var(--muted)", points: series?.["ExecutionThrottled:Sum"] ?? [] },
          ]}
        />
        <MetricsChart
          title="Duration"
          unit="ms"
          series={[
            { key: "avg", label: "average", color: "var(--ok)", points: series?.["ExecutionTime:Average"] ?? [] },
            { key: "p99", label: "p99", color: "var(--timed-out)", points: series?.["ExecutionTime:p99"] ?? [] },
          ]}
        />
      </div>
      <div className="grid-2">
        <CostSummary cost={view.cost} />
        <section className="panel" aria-labelledby="alarm-link-title">
          <h2 id="alarm-link-title">Link alarms here</h2>
          <label>
            AlarmDescription with a link here (paste into the alarm):
            <textarea readOnly rows={3} style={{ width: "100%", display: "block", marginTop: 4 }} value={view.alarmDescriptionSuggestion} />
          </label>
        </section>
      </div>
    </>
  );
}
