import type { ExecutionTriage } from "@/lib/domain/triage";
import { formatDuration } from "@/lib/analysis/format";
import { Time } from "../common/time";
import { CopyLink } from "./copy-link";
import styles from "./execution.module.css";

/** Status, the answer in words (the server's headline), the failed state, error and cause: what the engineer reads first. */
export function ExecutionHeadline({ triage }: { triage: ExecutionTriage }) {
  const { execution, report, headline } = triage;
  const failure = report.failure;
  const origin = failure?.origin ?? null;
  // An execution-level timeout belongs to no state, but the analyser knows where it was waiting.
  const waitingIn = failure && failure.path === null ? (failure.activePaths?.[0] ?? null) : null;
  const stateLabel = failure?.kind === "execution-timeout" ? "Timed out while in" : origin ? "Ended in" : "Failed state";
  return (
    <section aria-labelledby="headline" className={`panel ${styles.headline}`} data-testid="headline" data-tone={headline.tone}>
      <p className={`status status-${execution.status}`} data-testid="execution-status">
        {execution.status}
      </p>
      <h1 id="headline" className={styles.answer}>{headline.text}</h1>
      {failure ? (
        <dl className={styles.facts}>
          {origin ? (
            <>
              <dt>Root cause in</dt>
              <dd data-testid="origin-state"><code>{origin.path}</code></dd>
              <dt>Its error</dt>
              <dd><code data-testid="origin-error">{origin.error ?? "—"}</code></dd>
              {origin.cause ? (
                <>
                  <dt>Its cause</dt>
                  <dd><pre className={`payload ${styles.cause}`} data-testid="origin-cause">{origin.cause}</pre></dd>
                </>
              ) : null}
            </>
          ) : null}
          {failure.path !== null || waitingIn !== null ? (
            <>
              <dt>{stateLabel}</dt>
              <dd data-testid="failed-state">{failure.path ?? waitingIn}</dd>
            </>
          ) : null}
          <dt>{origin ? "Final error" : "Error"}</dt>
          <dd>
            <code data-testid="failure-error">{failure.error ?? "—"}</code> <span className="muted">({failure.kind})</span>
          </dd>
          <dt>{origin ? "Final cause" : "Cause"}</dt>
          <dd>
            <pre className={`payload ${styles.cause}`} data-testid="failure-cause">{failure.cause ?? "—"}</pre>
          </dd>
        </dl>
      ) : null}
      {report.cliffs && report.cliffs.length > 0 ? (
        <ul aria-label="Limits this execution came close to" data-testid="cliffs" className={styles.cliffs}>
          {report.cliffs.map((c) => (
            <li key={`${c.kind}-${c.path ?? ""}`}>⚠ {c.text}</li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        Started <Time iso={execution.startDate} /> · stopped <Time iso={execution.stopDate} /> · took {formatDuration(report.durationMs)}
        {report.runs.length > 1 ? ` · ${report.runs.length} runs (redriven ${report.runs.length - 1}×)` : ""} ·{" "}
        <a href={triage.consoleUrl} target="_blank" rel="noreferrer noopener" className="inline-target">
          Open in the AWS console
        </a>{" "}
        <CopyLink />
      </p>
    </section>
  );
}
