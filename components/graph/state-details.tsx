import type { StateOverlay } from "@/lib/analysis/graph/overlay";
import { describeRetryPolicy, formatSeconds, totalWorstCaseRetryWaitSeconds } from "@/lib/analysis/graph/retry-policy";
import type { GraphState, SecondsSetting } from "@/lib/analysis/graph/state-graph-model";
import { formatBytes, formatDuration, formatPercent } from "@/lib/analysis/format";
import type { GraphFinding, StateAggregateFigures } from "./badges";
import { describeKind } from "./state-node-body";
import styles from "./state-graph.module.css";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";
import { StateVisits } from "./state-visits";

const LIMIT = PAYLOAD_LIMIT_BYTES;
const SEVERITY_ICON = { error: "✕", warning: "⚠", info: "ℹ" } as const;

function seconds(setting: SecondsSetting | null, absent: string): string {
  if (!setting) return absent;
  return setting.dynamic ? "set at run time (…Path or JSONata)" : `${setting.seconds} s (${formatSeconds(setting.seconds ?? 0)})`;
}

function bytes(value: number | null): string {
  return value === null ? "unknown" : `${formatBytes(value)} (${formatPercent(value / LIMIT)} of 262,144)`;
}

interface Props {
  id: string;
  state: GraphState;
  overlay: StateOverlay | null;
  aggregate: StateAggregateFigures | null;
  findings: readonly GraphFinding[];
  /** The execution on the graph, for this state's input and output per visit. */
  execution?: { arn: string; payloadsHidden: boolean } | null;
  /** The state machine's TimeoutSeconds: a Task with none waits until then, not for AWS's 99,999,999 s. */
  executionTimeoutSeconds?: number | null;
  onClose(): void;
}

/** Everything about one state: its definition, its findings and, with an execution, what happened to it. */
export function StateDetails({ id, state, overlay, aggregate, findings, execution = null, executionTimeoutSeconds = null, onClose }: Props) {
  const run = overlay?.state ?? null;
  const headingId = `${id}-title`;
  return (
    <section id={id} role="region" aria-labelledby={headingId} className={styles.details} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <h3 id={headingId} tabIndex={-1}>
        State {state.name}
      </h3>
      <button type="button" onClick={onClose}>
        Close details
      </button>
      <dl>
        <dt>Path</dt>
        <dd><code>{state.path}</code></dd>
        <dt>Kind</dt>
        <dd>{describeKind(state)}</dd>
        {state.task ? (<><dt>Resource</dt><dd><code>{state.task.resource}</code></dd></>) : null}
        {state.type === "Task" ? (
          <>
            <dt>Timeout</dt>
            <dd>
              {seconds(
                state.timeout,
                executionTimeoutSeconds
                  ? `none: it can wait until the execution's TimeoutSeconds (${executionTimeoutSeconds} s) ends it`
                  : "none, and the execution has no TimeoutSeconds: it can wait until the execution's 1-year limit",
              )}
            </dd>
            <dt>Heartbeat</dt>
            <dd>{seconds(state.heartbeat, "none")}</dd>
          </>
        ) : null}
        {state.map ? (
          <>
            <dt>Map</dt>
            <dd>
              {state.map.mode.toLowerCase()}
              {state.map.executionType ? `, ${state.map.executionType} children` : ""}, MaxConcurrency{" "}
              {state.map.maxConcurrencyDynamic ? "set at run time" : state.map.maxConcurrency ?? "unset (unbounded)"}
            </dd>
          </>
        ) : null}
        <dt>Query language</dt>
        <dd>{state.queryLanguage}</dd>
      </dl>
      {state.retry.length > 0 ? (
        <>
          <h4>Retry (worst-case total wait {formatSeconds(totalWorstCaseRetryWaitSeconds(state.retry))})</h4>
          <ul>{state.retry.map((r) => <li key={r.index}>{describeRetryPolicy(r)}</li>)}</ul>
        </>
      ) : null}
      {state.catch.length > 0 ? (
        <>
          <h4>Catch</h4>
          <ul>{state.catch.map((c) => <li key={c.index}>{c.errorEquals.join(", ")} → {c.next}</li>)}</ul>
        </>
      ) : null}
      <h4>Findings</h4>
      {findings.length === 0 ? <p>None.</p> : (
        <ul>
          {findings.map((f, i) => (
            <li key={`${f.code}-${i}`} data-code={f.code}>
              {SEVERITY_ICON[f.severity]} {f.severity} <code>{f.code}</code>: {f.message}
              {f.fix ? <div>Fix: {f.fix}</div> : null}
            </li>
          ))}
        </ul>
      )}
      {overlay ? (
        <>
          <h4>This execution: {overlay.label}</h4>
          {run ? (
            <dl>
              <dt>Entered</dt><dd>{run.entered}×</dd>
              <dt>Attempts</dt><dd>{run.attempts} ({run.retries} retries)</dd>
              <dt>Events</dt><dd>{run.events}</dd>
              <dt>Time</dt><dd>{formatDuration(run.durationMs.total)}{run.entered > 1 ? ` over ${run.entered} entries, ${formatDuration(run.durationMs.max)} the longest` : ""}</dd>
              {run.durationMs.maxAttempt != null && run.timeoutSeconds ? (<><dt>Longest attempt</dt><dd>{formatDuration(run.durationMs.maxAttempt)} of its {run.timeoutSeconds} s timeout</dd></>) : null}
              <dt>Input</dt><dd>max {bytes(run.maxInputBytes)}</dd>
              <dt>Output</dt><dd>max {bytes(run.maxOutputBytes)}</dd>
              {run.lastError ? (<><dt>Error</dt><dd><code>{run.lastError.error ?? "(none)"}</code>{run.lastError.cause ? `: ${run.lastError.cause}` : ""}</dd></>) : null}
            </dl>
          ) : <p>The execution never entered this state{state.inChildExecution ? " here (it runs in the Distributed Map's child executions)" : ""}.</p>}
          {overlay.handled.length > 0 ? (
            <ul aria-label="Handled errors">
              {overlay.handled.map((h) => (
                <li key={h.eventId}>
                  <code>{h.error ?? "error"}</code> {h.handledBy.kind === "retry" ? "retried" : h.handledBy.kind === "catch" ? `caught → ${h.handledBy.next ?? "?"}` : "handled"}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {execution && run ? <StateVisits arn={execution.arn} path={state.path} payloadsHidden={execution.payloadsHidden} /> : null}
      {aggregate ? (
        <>
          <h4>Recent executions</h4>
          <dl>
            <dt>Failed here</dt><dd>{aggregate.failures}</dd>
            <dt>Timed out here</dt><dd>{aggregate.timeouts}</dd>
            <dt>Payload</dt><dd>p95 {bytes(aggregate.p95Bytes)}, max {bytes(aggregate.maxBytes)}</dd>
            <dt>Events / execution</dt><dd>{aggregate.eventsPerExecution.toFixed(1)}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}
