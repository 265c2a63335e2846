"use client";
import * as Tabs from "@radix-ui/react-tabs";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { formatCount, formatPercent, formatUsd } from "@/lib/analysis/format";
import { CostPanel } from "../cost/cost-panel";
import { LazyPayloadChart as PayloadChart, LazyStateGraph as StateGraph } from "../lazy";
import { PayloadTable } from "../payloads/payload-table";
import { EventView } from "./event-view";
import { HistoryBudgetPanel } from "./history-budget";
import { Runs } from "./runs";
import { StatesTable } from "./states-table";
import { EXECUTION_TABS, type ExecutionTab } from "./tabs";
import styles from "./execution.module.css";

/** A short figure beside a tab's name, so the tab list itself says where to look. */
function tabHint(tab: ExecutionTab, triage: ExecutionTriage): string | null {
  const { report } = triage;
  switch (tab) {
    case "events":
      return formatCount(report.eventCount);
    case "states":
      return report.visitsTotal !== undefined ? formatCount(report.visitsTotal) : null;
    case "payloads":
      return report.payload.ratio !== null ? formatPercent(report.payload.ratio) : null;
    case "cost":
      return formatUsd(report.cost.standardUsd);
    default:
      return null;
  }
}

function GraphTab({ triage }: { triage: ExecutionTriage }) {
  if (!triage.graph || !triage.definition) {
    return <p role="alert">{triage.graphError ? `This definition can't be drawn: ${triage.graphError}` : `The definition could not be read: ${triage.definitionError ?? "unknown error"}`}</p>;
  }
  return (
    <StateGraph
      definition={triage.definition}
      model={triage.graph.model}
      overlay={triage.graph.overlay}
      findings={triage.findings}
      execution={{ arn: triage.execution.executionArn, payloadsHidden: triage.payloadsHidden }}
    />
  );
}

function StatesTab({ triage }: { triage: ExecutionTriage }) {
  const { report } = triage;
  return (
    <>
      <h2 className="sr-only">State visits</h2>
      {report.visits ? <StatesTable visits={report.visits} total={report.visitsTotal ?? report.visits.length} /> : <p className="muted">This report was built without per-visit rows; the Events tab has every event.</p>}
      <Runs runs={report.runs} />
    </>
  );
}

function PayloadsTab({ triage }: { triage: ExecutionTriage }) {
  const { report } = triage;
  return (
    <>
      <h2 className="sr-only">Payloads against 262,144 bytes</h2>
      {triage.payloadsHidden ? <p className="muted">Payload contents are hidden on this server; sizes are still shown.</p> : null}
      {/* No animation: the bars are the evidence, at their size from the first frame (and in a screenshot). */}
      <PayloadChart states={report.states} animate={false} />
      <div className={styles.scroll}>
        <PayloadTable states={report.states} failure={report.failure} />
      </div>
    </>
  );
}

/** The evidence under the headline, one tab each: Graph, Events, States, Payloads, Cost. Controlled: the URL holds the tab. */
export function ExecutionTabs({ triage, tab, onTabChange }: { triage: ExecutionTriage; tab: ExecutionTab; onTabChange: (tab: ExecutionTab) => void }) {
  return (
    <Tabs.Root value={tab} onValueChange={(v) => onTabChange(v as ExecutionTab)} className={styles.tabs}>
      <Tabs.List aria-label="Execution evidence" className={styles.tabList} data-testid="execution-tabs">
        {EXECUTION_TABS.map(({ value, label }) => {
          const hint = tabHint(value, triage);
          return (
            <Tabs.Trigger key={value} value={value} className={styles.tab} data-testid={`tab-${value}`}>
              {label}
              {hint ? <span className={styles.tabHint}>{hint}</span> : null}
            </Tabs.Trigger>
          );
        })}
      </Tabs.List>
      <Tabs.Content value="graph" className={styles.tabPanel}>
        <GraphTab triage={triage} />
      </Tabs.Content>
      <Tabs.Content value="events" className={styles.tabPanel}>
        <HistoryBudgetPanel history={triage.report.history} />
        <EventView triage={triage} />
      </Tabs.Content>
      <Tabs.Content value="states" className={styles.tabPanel}>
        <StatesTab triage={triage} />
      </Tabs.Content>
      <Tabs.Content value="payloads" className={styles.tabPanel}>
        <PayloadsTab triage={triage} />
      </Tabs.Content>
      <Tabs.Content value="cost" className={styles.tabPanel}>
        <CostPanel cost={triage.report.cost} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
