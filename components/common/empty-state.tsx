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
