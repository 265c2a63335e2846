import { StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { MotoClients } from "../aws-clients";
import { BIG_MAP_ITEMS, WORKFLOWS, bigBatchInput, stateMachineArn, type Scenario } from "../seed";

/** Options of the execution generator. */
export interface GeneratorOptions {
  /** Executions started per minute after the opening burst (SANDBOX_RATE; default 10). */
  ratePerMin?: number;
  /** Start one execution of every scenario at once, so every failure kind shows up within seconds (default true). */
  burst?: boolean;
  /** Run the 1,300-item batch-map this long after start (default 20 s; null = never). */
  bigMapAfterMs?: number | null;
  /** …and again this often (default 15 min). */
  bigMapEveryMs?: number;
}

/** One started execution. */
export interface StartedExecution {
  stateMachine: string;
  scenario: string;
  executionArn: string;
  startedAtMs: number;
}

interface PlanEntry {
  stateMachine: string;
  scenario: Scenario;
}

/** Default rate: modest, so moto keeps up on 2 shared cores. */
export const DEFAULT_RATE_PER_MIN = 10;

/** Every scenario spread by weight (smooth weighted round-robin), so failures are interleaved, not clumped. */
export function weightedPlan(): PlanEntry[] {
  const entries = WORKFLOWS.flatMap((wf) => wf.scenarios.map((scenario) => ({ stateMachine: wf.name, scenario })));
  const total = entries.reduce((a, e) => a + e.scenario.weight, 0);
  const current = entries.map(() => 0);
  const plan: PlanEntry[] = [];
  for (let i = 0; i < total; i++) {
    entries.forEach((e, j) => (current[j] = (current[j] ?? 0) + e.scenario.weight));
    let best = 0;
    current.forEach((c, j) => {
      if (c > (current[best] ?? 0)) best = j;
    });
    current[best] = (current[best] ?? 0) - total;
    const entry = entries[best];
    if (entry) plan.push(entry);
  }
  return plan;
}

/** Keeps starting executions of the seeded workflows at a steady rate, so failures keep arriving. */
export class TrafficGenerator {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = true;
  private counter = 0;
  private planIndex = 0;
  private readonly plan = weightedPlan();
  /** Every execution started, oldest first (bounded). */
  readonly started: StartedExecution[] = [];

  constructor(
    private readonly clients: Pick<MotoClients, "sfn">,
    private readonly log: (line: string) => void,
    private readonly opts: GeneratorOptions = {},
  ) {}

  /** Start the burst, the steady stream and the big-map schedule. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const rate = Math.max(0, this.opts.ratePerMin ?? DEFAULT_RATE_PER_MIN);
    if (this.opts.burst ?? true) this.burst();
    if (rate > 0) {
      const every = 60_000 / rate;
      const tick = () => {
        const entry = this.plan[this.planIndex++ % this.plan.length];
        if (entry) void this.startOne(entry.stateMachine, entry.scenario.name, entry.scenario.input(this.next()));
        this.after(every, tick);
      };
      this.after(every, tick);
    }
    const bigAfter = this.opts.bigMapAfterMs === undefined ? 20_000 : this.opts.bigMapAfterMs;
    if (bigAfter !== null) {
      const big = () => {
        void this.startOne("batch-map", `big-batch-${BIG_MAP_ITEMS}`, bigBatchInput(this.next()));
        this.after(this.opts.bigMapEveryMs ?? 15 * 60_000, big);
      };
      this.after(bigAfter, big);
    }
  }

  /** One execution of every scenario, 400 ms apart (so moto is not handed 18 executions in the same instant). */
  burst(): void {
    if (this.stopped) return;
    WORKFLOWS.flatMap((wf) => wf.scenarios.map((scenario) => ({ stateMachine: wf.name, scenario }))).forEach((entry, i) =>
      this.after(i * 400, () => this.startOne(entry.stateMachine, entry.scenario.name, entry.scenario.input(this.next()))),
    );
  }

  /** Stop starting executions (running ones carry on). */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Start one execution now; resolves with its ARN (null if moto refused). */
  async startOne(stateMachine: string, scenario: string, input: Record<string, unknown>): Promise<string | null> {
    const n = this.counter;
    const name = `${scenario}-${Date.now().toString(36)}-${n}`.slice(0, 80);
    try {
      const out = await this.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn(stateMachine), name, input: JSON.stringify(input) }));
      const executionArn = out.executionArn ?? "";
      this.started.push({ stateMachine, scenario, executionArn, startedAtMs: Date.now() });
      if (this.started.length > 5_000) this.started.shift();
      return executionArn;
    } catch (err) {
      if (!this.stopped) this.log(`traffic: StartExecution ${stateMachine}/${scenario} failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }
}
