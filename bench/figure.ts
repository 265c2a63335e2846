/** One measured figure of a benchmark, as bench/run.ts prints it. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The bound the figure must stay within (a maximum for times and memory). */
  target?: number;
  /** The same-run figure it is compared with (e.g. JSON.parse of the same input), in the same unit. */
  baseline?: { name: string; value: number };
  /** value / baseline.value. */
  ratio?: number;
  /** value is within target. */
  ok?: boolean;
}
