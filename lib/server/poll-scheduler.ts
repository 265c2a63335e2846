import "server-only";

/** What the scheduler drives: one full cycle, and a one-call probe used while backing off. */
export interface PollTarget {
  /** One cycle; never throws. Returns whether it succeeded. */
  pollOnce(): Promise<boolean>;
  /** One cheap call that tells whether AWS answers again. */
  probe(): Promise<boolean>;
}

/** The scheduler's clock and interval; tests pass a fake clock. */
export interface SchedulerOptions {
  now: () => number;
  intervalMs: () => number;
  maxBackoffMs: () => number;
}

/**
 * When to poll: a cycle every interval while healthy; after failures, full cycles wait out an exponential
 * backoff (capped), and each interval in between sends ONE probe, so the end of a fault is seen within one
 * interval while a fault that persists costs one call per interval instead of a whole cycle.
 */
export class PollScheduler {
  private consecutiveErrors = 0;
  private lastAttemptAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstCycle: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly target: PollTarget,
    private readonly options: SchedulerOptions,
  ) {}

  /** Starts polling (once); resolves when the FIRST cycle has finished, successfully or not. */
  start(): Promise<void> {
    if (!this.firstCycle) this.firstCycle = this.tick();
    return this.firstCycle;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The delay before the next full cycle: the interval, doubled per consecutive failure, capped. */
  nextDelayMs(): number {
    const interval = this.options.intervalMs();
    return Math.min(interval * 2 ** this.consecutiveErrors, Math.max(this.options.maxBackoffMs(), interval));
  }

  /** Records the outcome of a cycle run outside the timer (tests, the first paint). */
  async runCycle(): Promise<void> {
    this.lastAttemptAt = this.options.now();
    const ok = await this.target.pollOnce();
    this.consecutiveErrors = ok ? 0 : this.consecutiveErrors + 1;
  }

  /** One timer step: a full cycle when healthy or when the backoff is over (or a probe passes), else nothing. */
  async step(): Promise<"cycle" | "probe-failed"> {
    const backoffOver = this.options.now() - (this.lastAttemptAt ?? 0) >= this.nextDelayMs();
    if (this.consecutiveErrors === 0 || backoffOver || (await this.target.probe())) {
      await this.runCycle();
      return "cycle";
    }
    return "probe-failed";
  }

  private async tick(): Promise<void> {
    try {
      await this.step();
    } finally {
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.tick(), this.options.intervalMs());
        this.timer.unref?.();
      }
    }
  }
}
