import type { CSSProperties } from "react";
import styles from "./states.module.css";

interface Props {
  /** What is loading, said to screen readers ("Loading the state graph"). */
  label: string;
  /** Text lines to suggest, or a block of this height (a graph, a chart). */
  lines?: number;
  blockHeight?: number;
}

/** A loading placeholder: shaped like what comes, busy for assistive technology, with a spoken label. */
export function Skeleton({ label, lines = 3, blockHeight }: Props) {
  return (
    <div className={styles.skeleton} role="status" aria-busy="true" aria-live="polite" data-testid="skeleton">
      <span className="sr-only">{label}…</span>
      {blockHeight !== undefined ? (
        <div className={styles.block} style={{ "--skeleton-height": `${blockHeight}px` } as CSSProperties} aria-hidden="true" />
      ) : (
        Array.from({ length: lines }, (_, i) => <div key={i} className={styles.bar} style={{ width: `${100 - ((i * 17) % 45)}%` }} aria-hidden="true" />)
      )}
    </div>
  );
}
