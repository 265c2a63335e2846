import styles from "./state-graph.module.css";

/** What the marks mean, in words: colour is never the only signal. */
export function GraphLegend({ execution }: { execution: boolean }) {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {execution ? (
        <>
          <li>✓ succeeded</li>
          <li>↻ retried, then succeeded</li>
          <li>⤳ caught</li>
          <li>✕ failed (origin: double border, where the root cause was raised)</li>
          <li>(ended the run): dashed border, the Fail state a Catch led to</li>
          <li>◷ timed out</li>
          <li>▶ running</li>
          <li>○ not reached</li>
        </>
      ) : null}
      <li>— next</li>
      <li>— #n choice rule / ··· Default</li>
      <li>- - catch (dashed, labelled with its errors)</li>
      <li>⇅ largest payload · share of 262,144 B</li>
      <li>≡ history events</li>
    </ul>
  );
}
