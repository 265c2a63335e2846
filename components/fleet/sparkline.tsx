import styles from "./fleet.module.css";
import { formatCount } from "@/lib/analysis/format";

/** An hourly count series as a small line, oldest on the left; its label says the total and the peak. */
export function Sparkline({ values, width = 120, height = 24 }: { values: readonly number[]; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  // SVG coordinates, rounded to a tenth of a pixel (geometry, not a figure on screen).
  const tenth = (n: number) => Math.round(n * 10) / 10;
  const points = values.map((v, i) => `${tenth(i * step)},${tenth(height - 1 - (v / max) * (height - 2))}`);
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <svg className={styles.spark} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${formatCount(total)} in ${formatCount(values.length)} h, at most ${formatCount(max)} in one hour`}>
      {values.length > 1 ? (
        <>
          <polygon className={styles.sparkArea} points={`0,${height} ${points.join(" ")} ${width},${height}`} />
          <polyline className={styles.sparkLine} points={points.join(" ")} />
        </>
      ) : null}
    </svg>
  );
}
