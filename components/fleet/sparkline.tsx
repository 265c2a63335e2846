import styles from "./fleet.module.css";

/** An hourly count series as a small line, oldest on the left; its label says the total and the peak. */
export function Sparkline({ values, width = 120, height = 24 }: { values: readonly number[]; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`);
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <svg className={styles.spark} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${total} in ${values.length} h, at most ${max} in one hour`}>
      {values.length > 1 ? (
        <>
          <polygon className={styles.sparkArea} points={`0,${height} ${points.join(" ")} ${width},${height}`} />
          <polyline className={styles.sparkLine} points={points.join(" ")} />
        </>
      ) : null}
    </svg>
  );
}
