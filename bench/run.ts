// `npm run bench`: every speed figure of sfn-triage, each beside its target and a same-run baseline.
// Benchmarks are not tests: nothing here fails the build; a missed target prints as MISSED.
import type { BenchFigure } from "./figure";

type Suite = { name: string; load: () => Promise<() => Promise<BenchFigure[]>> };

const suites: Suite[] = [
  { name: "analyser", load: async () => (await import("./analyser")).runAnalyserBench },
  { name: "layout", load: async () => (await import("./layout")).runLayoutBench },
  { name: "triage-latency", load: async () => (await import("./triage-latency")).runTriageLatencyBench },
  { name: "memory", load: async () => (await import("./memory")).runMemoryBench },
  { name: "app", load: async () => (await import("./app")).runAppBench },
  { name: "pages", load: async () => (await import("./pages")).runPagesBench },
  { name: "hostile", load: async () => (await import("./hostile")).runHostileBench },
  { name: "alarm-landing", load: async () => (await import("./alarm-landing")).runAlarmLandingBench },
  { name: "sandbox", load: async () => (await import("./sandbox")).runSandboxBench },
  { name: "index", load: async () => (await import("./index-store")).runIndexBench },
  { name: "polling", load: async () => (await import("./polling")).runPollingBench },
];

function format(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en-US");
  return n.toPrecision(4).replace(/\.?0+$/, "");
}

async function main() {
  const only = process.argv.slice(2);
  let missed = 0;
  for (const suite of suites) {
    if (only.length && !only.includes(suite.name)) continue;
    console.log(`\n== ${suite.name}`);
    let figures: BenchFigure[];
    try {
      figures = await (await suite.load())();
    } catch (error) {
      console.log(`  could not run: ${error instanceof Error ? error.message : String(error)}`);
      missed += 1;
      continue;
    }
    for (const f of figures) {
      const target = f.target === undefined ? "" : `  target ${format(f.target)} ${f.unit}`;
      const base = f.baseline ? `  baseline ${f.baseline.name} ${format(f.baseline.value)} ${f.unit}` : "";
      const ratio = f.ratio === undefined ? "" : `  ratio ${format(f.ratio)}`;
      const verdict = f.ok === undefined ? "" : f.ok ? "  ok" : "  MISSED";
      if (f.ok === false) missed += 1;
      console.log(`  ${f.name}: ${format(f.value)} ${f.unit}${target}${base}${ratio}${verdict}`);
    }
  }
  console.log(missed ? `\n${missed} figure(s) missed their target.` : "\nEvery figure met its target.");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
