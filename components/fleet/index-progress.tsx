import type { IndexStatus } from "@/lib/domain/failures";
import { formatBytes, formatCount, formatDuration } from "@/lib/analysis/format";
import styles from "./fleet.module.css";

/** Whether the failure index is caught up with AWS, how far behind it is, and what retention dropped. */
export function IndexProgress({ status, nowMs }: { status: IndexStatus | null; nowMs: number }) {
  if (!status) return null;
  const behind = status.pending > 0 || status.pagesBehind > 0;
  const dropped = status.dropped.age + status.dropped.size;
  return (
    <p className={`${styles.progress} ${behind ? "stale" : "muted"}`} role="status" data-testid="index-progress" data-behind={behind}>
      {behind ? (
        <>
          Catching up: {formatCount(status.pending)} {status.pending === 1 ? "failure waiting for its history" : "failures waiting for their history"}
          {status.oldestPendingAt ? `, the oldest ${formatDuration(nowMs - Date.parse(status.oldestPendingAt))} old` : ""}
          {status.pagesBehind > 0 ? `; ${status.pagesBehind} ListExecutions page${status.pagesBehind === 1 ? "" : "s"} still to read` : ""}. Counts below will grow.
        </>
      ) : (
        <>Failure index up to date: {formatCount(status.stored)} failures stored ({status.backend}).</>
      )}{" "}
      <span className="muted">
        Keeps {formatCount(status.retention.maxAgeDays)} days, {formatBytes(status.retention.maxBytes)}
        {dropped > 0 || status.dropped.expiredTokens > 0
          ? `; dropped so far: ${formatCount(status.dropped.age)} by age, ${formatCount(status.dropped.size)} by size${status.dropped.expiredTokens ? `, ${formatCount(status.dropped.expiredTokens)} unread pages (token expired)` : ""}`
          : "; nothing dropped"}
        .
      </span>
    </p>
  );
}
