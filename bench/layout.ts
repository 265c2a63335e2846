/**
 * Speed of the state graph: node sizing, ELK layout plus React Flow elements for a 300-state definition (every state
 * type, nested Parallel and Map), target under 300 ms. The same pipeline on a 5-state definition, in the
 * same run, is the baseline. The first layout in a process also pays for ELK's JIT warm-up (a once-per-page
 * cost), so it is reported apart. Panning is not timed here: it is the browser's work (React Flow moves one
 * transformed element, and with onlyRenderVisibleElements draws only the nodes on screen), and a frame-time
 * figure would need a real GPU-backed Chromium, not this headless one. Run alone: `npx tsx bench/layout.ts`.
 */
import { pathToFileURL } from "node:url";
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutStateGraph } from "@/components/graph/layout";
import { sizeNodes, toFlowElements } from "@/components/graph/to-flow-elements";
import { findModelFindings } from "@/lib/analysis/findings/find-findings";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { makeSyntheticDefinition } from "@/test-support/synthetic-definition";
import type { BenchFigure } from "./figure";

const TARGET_MS = 300;
const RUNS = 15;
const WARM_UP = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeLayout(elk: InstanceType<typeof ELK>, text: string): Promise<number> {
  const start = performance.now();
  const model = buildStateGraph(text);
  const inputs = { findings: findModelFindings(model) };
  // Nodes are sized from their badges before ELK runs (node-size.ts), as the browser does.
  const layout = await layoutStateGraph(model, elk, sizeNodes(model, inputs));
  toFlowElements(model, layout, inputs);
  return performance.now() - start;
}

async function medianOf(elk: InstanceType<typeof ELK>, text: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeLayout(elk, text));
  return median(times);
}

/** Measures the graph pipeline and returns its figures (bench/run.ts prints them). */
export async function runLayoutBench(): Promise<BenchFigure[]> {
  const elk = new ELK();
  const large = JSON.stringify(makeSyntheticDefinition(300));
  const small = JSON.stringify(makeSyntheticDefinition(5));
  const huge = JSON.stringify(makeSyntheticDefinition(1000));
  const cold = await timeLayout(elk, large);
  for (let i = 0; i < WARM_UP; i++) await timeLayout(elk, large);
  const baseline = await medianOf(elk, small, RUNS);
  const warm = await medianOf(elk, large, RUNS);
  const thousand = await medianOf(elk, huge, 5);
  const modelStart = performance.now();
  for (let i = 0; i < RUNS; i++) findModelFindings(buildStateGraph(large));
  const modelMs = (performance.now() - modelStart) / RUNS;
  return [
    {
      name: "graph layout, 300 states (model + ELK + flow elements, median)",
      value: warm,
      unit: "ms",
      target: TARGET_MS,
      baseline: { name: "5 states", value: baseline },
      ratio: warm / baseline,
      ok: warm < TARGET_MS,
    },
    { name: "graph layout, 300 states, first in process (includes ELK warm-up)", value: cold, unit: "ms" },
    { name: "graph layout, 1,000 states (median)", value: thousand, unit: "ms" },
    { name: "graph model + findings, 300 states (mean)", value: modelMs, unit: "ms" },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runLayoutBench().then((figures) => console.log(figures), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
