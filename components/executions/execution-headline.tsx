import type { ExecutionTriage } from "@/lib/domain/triage";
import { formatDuration } from "../common/format";
import { Time } from "../common/time";
import { CopyLink } from "./copy-link";

/** Status, failed state, error and cause in plain words: what the engineer reads first. */
export function ExecutionHeadline({ triage, summary }: { triage: ExecutionTriage; summary: string | null }) {
  const { execution, report } = triage;
  const failure = report.failure;
  return (
    <section aria-labelledby="headline" className="panel" data-testid="headline">
      <p className={`status status-${execution.status}`} data-testid="execution-status">
        {execution.status}
      </p>
      <h1 id="headline">{summary ?? `${execution.name}: ${execution.status.toLowerCase().replace("_", " ")}`}</h1>
      {failure ? (
        <dl>
          <dt>Failed state</dt>
          <dd data-testid="failed-state">{failure.path ?? failure.state ?? "— (not in a state)"}</dd>
          <dt>Error</dt>
          <dd>
            <code data-testid="failure-error">{failure.error ?? "—"}</code> <span className="muted">({failure.kind})</span>
          </dd>
          <dt>Cause</dt>
          <dd>
            <pre className="payload" data-testid="failure-cause">{failure.cause ?? "—"}</pre>
          </dd>
        </dl>
      ) : null}
      <p className="muted">
        Execution <code>{execution.name}</code> · started <Time iso={execution.startDate} /> · stopped <Time iso={execution.stopDate} /> · took{" "}
        {formatDuration(report.durationMs)}
        {execution.redriveCount ? ` · redriven ${execution.redriveCount}×` : ""}
      </p>
      <p>
        <a href={triage.consoleUrl} target="_blank" rel="noreferrer noopener">
          Open in the AWS console
        </a>{" "}
        <CopyLink />
      </p>
    </section>
  );
}
