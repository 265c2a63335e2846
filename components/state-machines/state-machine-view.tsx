"use client";
import { useQuery } from "@tanstack/react-query";
import type { StateMachineView as View } from "@/lib/domain/state-machine-view";
import { stateMachineQuery } from "@/lib/queries/options";
import { LazyMetricsChart as MetricsChart, LazyStateGraph as StateGraph } from "../lazy";
import { formatDuration } from "@/lib/analysis/format";
import { Freshness } from "../common/freshness";
import { Time } from "../common/time";
import { FindingsList } from "../findings/findings-list";
import { FleetTable } from "../fleet/fleet-table";
import { AggregatesTable } from "./aggregates-table";

const usd = (n: number | null) => (n === null ? "—" : `$${n < 0.01 ? n.toFixed(6) : n.toFixed(2)}`);
const NO_ARRIVALS: ReadonlySet<string> = new Set();

/** The state machine page body. */
export function StateMachineView({ initial, window }: { initial: View; window: { from?: string; to?: string } }) {
  const query = useQuery({ ...stateMachineQuery(initial.stateMachine.stateMachineArn, window), initialData: initial });
  const view = query.data;
  const series = view.metrics?.byStateMachine[view.stateMachine.stateMachineArn];
  const aggregates = Object.fromEntries(view.aggregates.map((a) => [a.path, a]));
  return (
    <>
      <Freshness updatedAt={view.fetchedAt} error={view.metricsError} staleAfterMs={90_000} />
      <p className="muted">
        {view.stateMachine.type} · {view.stateMachine.region} · window <Time iso={view.window.from} /> → <Time iso={view.window.to} />
        {view.fleet?.p99DurationMs ? ` · p99 duration ${formatDuration(view.fleet.p99DurationMs)}` : ""}
      </p>
      <section className="panel" aria-labelledby="alarms-title">
        <h2 id="alarms-title">Alarms</h2>
        {view.fleet && view.fleet.alarms.length > 0 ? (
          <ul>
            {view.fleet.alarms.map((a) => (
              <li key={a.alarmName}>
                {a.alarmName} — {a.metricName}: <strong>{a.stateValue}</strong>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="no-alarm">No alarm watches ExecutionsFailed or ExecutionsTimedOut: failures here are silent.</p>
        )}
        <label>
          AlarmDescription with a link here (paste into the alarm):
          <textarea readOnly rows={2} style={{ width: "100%" }} value={view.alarmDescriptionSuggestion} />
        </label>
      </section>
      <h2>State graph</h2>
      <StateGraph definition={view.stateMachine.definition} findings={view.findings} aggregates={aggregates} />
      <h2>Findings</h2>
      <FindingsList findings={view.findings} />
      <h2>Metrics</h2>
      {view.metrics?.partial ? <p className="stale">CloudWatch returned partial data for this window.</p> : null}
      <div className="grid-2">
        <MetricsChart
          title="Executions"
          series={[
            { key: "started", label: "started", color: "#5aa9f0", points: series?.["ExecutionsStarted:Sum"] ?? [] },
            { key: "failed", label: "failed", color: "#c0221b", points: series?.["ExecutionsFailed:Sum"] ?? [] },
            { key: "timedOut", label: "timed out", color: "#b25e00", points: series?.["ExecutionsTimedOut:Sum"] ?? [] },
            { key: "throttled", label: "throttled", color: "#9467bd", points: series?.["ExecutionThrottled:Sum"] ?? [] },
          ]}
        />
        <MetricsChart
          title="Duration"
          unit=" ms"
          series={[
            { key: "avg", label: "average", color: "#1d8102", points: series?.["ExecutionTime:Average"] ?? [] },
            { key: "p99", label: "p99", color: "#b25e00", points: series?.["ExecutionTime:p99"] ?? [] },
          ]}
        />
      </div>
      <h2>Per state, over {view.analysedExecutions} recent executions</h2>
      <AggregatesTable aggregates={view.aggregates} analysed={view.analysedExecutions} />
      <h2>Cost</h2>
      <p>
        {view.cost.transitionsPerExecution !== null ? `${view.cost.transitionsPerExecution.toFixed(1)} transitions per execution → ${usd(view.cost.standardUsdPerExecution)} each on Standard.` : "No executions analysed yet."}{" "}
        {view.cost.executionsPerMonth !== null ? `At the observed rate (${view.cost.executionsPerMonth.toLocaleString("en-US")} a month): ${usd(view.cost.standardUsdPerMonth)} Standard vs ${usd(view.cost.expressUsdPerMonth)} Express.` : ""}
      </p>
      <ul className="muted">
        {view.cost.assumptions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
      <h2>Failing executions in this window</h2>
      <FleetTable executions={view.failing} arrived={NO_ARRIVALS} />
    </>
  );
}
