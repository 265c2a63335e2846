import Link from "next/link";
import type { ReactNode } from "react";
import styles from "./states.module.css";

interface Props {
  /** What there is none of, plainly ("No failures in the last 24 hours"). */
  title: string;
  /** What was looked at (the window, the regions and credentials read). */
  scope: ReactNode;
  /** What to do to see more: widen the window, change the region. */
  action?: ReactNode;
  testId?: string;
}

/** An empty result that says what was searched and how to widen it, instead of a blank table. */
export function EmptyState({ title, scope, action, testId = "empty-state" }: Props) {
  return (
    <div className={styles.empty} data-testid={testId}>
      <h3>{title}</h3>
      <p>{scope}</p>
      {action ? <p>{action}</p> : null}
    </div>
  );
}

const WINDOW_WORDS: Record<string, string> = { "1h": "the last hour", "6h": "the last 6 hours", "24h": "the last 24 hours", "7d": "the last 7 days" };

/** The fleet's "no failures": which window and filters were searched, and links that widen them. */
export function NoFailures({ filters }: { filters: Record<string, string | undefined> }) {
  const span = filters.from || filters.to ? `${filters.from ?? "the start"} → ${filters.to ?? "now"}` : WINDOW_WORDS[filters.window ?? "24h"] ?? WINDOW_WORDS["24h"];
  const narrowing = [filters.status ? `status ${filters.status}` : null, filters.stateMachine ? `state machine ${filters.stateMachine.split(":").pop()}` : null, filters.q ? `text "${filters.q}"` : null].filter(Boolean);
  const keep = new URLSearchParams(Object.entries(filters).filter(([k, v]) => v && !["window", "from", "to", "cursor"].includes(k)) as [string, string][]);
  keep.set("window", "7d");
  return (
    <EmptyState
      testId="no-failures"
      title={`No failures in ${span}`}
      scope={`The failure index holds no FAILED, TIMED_OUT or ABORTED execution in this window${narrowing.length ? ` matching ${narrowing.join(", ")}` : ""}.`}
      action={
        <>
          {filters.window !== "7d" ? <Link href={`/?${keep.toString()}`}>Widen to the last 7 days</Link> : "The index keeps 30 days by default (SFN_TRIAGE_RETENTION_DAYS); pick older dates with from/to."}
          {narrowing.length ? (
            <>
              {" · "}
              <Link href="/">Clear the filters</Link>
            </>
          ) : null}
        </>
      }
    />
  );
}

/** The fleet's "no state machines": which regions were read, with which credentials, and how to change them. */
export function NoStateMachines({ regions }: { regions?: string[] }) {
  return (
    <EmptyState
      testId="no-state-machines"
      title="No state machines found"
      scope={`ListStateMachines answered with none in ${regions?.length ? regions.join(", ") : "the configured regions"}, read with the server's AWS credentials (AWS_PROFILE, the environment or the instance role).`}
      action="Set SFN_TRIAGE_REGIONS to the regions your state machines live in, or AWS_PROFILE to the account's profile, and restart the dashboard."
    />
  );
}
