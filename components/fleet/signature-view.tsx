"use client";
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { SignatureDetail } from "@/lib/domain/failures";
import { signatureQuery } from "@/lib/queries/options";
import { routes } from "@/lib/routes";
import { Time } from "../common/time";
import { FailureExecutionsTable } from "./failure-executions-table";
import styles from "./fleet.module.css";
import { Sparkline } from "./sparkline";
import { formatCount, formatUtc } from "@/lib/analysis/format";

interface Props {
  id: string;
  initial: SignatureDetail;
  params: string;
  filters: Record<string, string>;
}

/** One failure signature: what it is, how often per hour, where it runs, its first and newest execution, and every execution (paged). */
export function SignatureView({ id, initial, params, filters }: Props) {
  const query = useInfiniteQuery({ ...signatureQuery(id, params), initialData: { pages: [initial], pageParams: [null] } });
  const first = query.data.pages[0]!;
  const s = first.signature;
  const executions = query.data.pages.flatMap((p) => p.executions.executions);
  return (
    <>
      <p className="muted">
        <Link href={`/${new URLSearchParams(filters).toString() ? `?${new URLSearchParams(filters)}` : ""}`}>Fleet</Link> › signature <code>{s.signatureId}</code>
      </p>
      <h1>
        <code className="arn">{s.originError ?? "(no error name)"}</code> in {s.stateMachineName} › <code className="arn">{s.originPath ?? "(execution)"}</code>
        {s.isNew ? <span className="new-badge">NEW</span> : null}
      </h1>
      <section className="panel panel-answer" aria-label="Signature">
        <p>
          <strong data-testid="signature-count">{formatCount(s.count)}</strong> executions in the window ({s.statuses.join(", ") || "none"}); first seen <Time iso={s.firstSeenAt} />, last{" "}
          <Time iso={s.lastSeenAt} />.
        </p>
        {s.normalisedCause ? (
          <p>
            Cause, with ids and numbers replaced: <code>{s.normalisedCause}</code>
          </p>
        ) : null}
        {s.sampleCause ? (
          <details>
            <summary>A cause as AWS sent it</summary>
            <pre className="payload">{s.sampleCause}</pre>
          </details>
        ) : null}
        <p>
          Alarm: {s.alarms.length === 0 ? <span className={styles.alarmNone}>none watches this state machine&apos;s {s.statuses.includes("TIMED_OUT") ? "timeouts" : "failures"}</span> : s.alarms.map((a) => `${a.alarmName} (${a.stateValue})`).join(", ")}
        </p>
        <Sparkline values={s.hourly} width={480} height={48} />
        <p className="muted">Executions per hour, {formatUtc(first.executions.window.from)} to {formatUtc(first.executions.window.to)}.</p>
        <ul>
          {first.newestExecution ? (
            <li>
              Newest: <Link href={routes.execution(first.newestExecution.executionArn)}>triage {first.newestExecution.name}</Link> (<Time iso={first.newestExecution.stopDate} />)
            </li>
          ) : null}
          <li>
            First execution that showed it:{" "}
            {first.firstExecution ? (
              <Link href={routes.execution(first.firstExecution.executionArn)}>{first.firstExecution.name}</Link>
            ) : (
              <span className="muted">no longer in the index (retention)</span>
            )}{" "}
            (<Time iso={s.firstSeenAt} />)
          </li>
          <li>
            Versions and aliases:{" "}
            {first.versions.length === 0
              ? "—"
              : first.versions.map((v) => `${v.aliasArn ? `alias ${v.aliasArn.split(":").pop()}` : v.versionArn ? `version ${v.versionArn.split(":").pop()}` : "unqualified (latest)"}: ${formatCount(v.count)}`).join("; ")}
          </li>
        </ul>
      </section>
      <h2>
        Executions <span className="muted">({formatCount(executions.length)} of {formatCount(first.executions.total)})</span>
      </h2>
      <FailureExecutionsTable executions={executions} label="Executions with this signature" />
      {query.hasNextPage ? (
        <button type="button" className={styles.more} onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Older executions"}
        </button>
      ) : null}
    </>
  );
}
