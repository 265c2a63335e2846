/** Counts of AWS calls that reached the gateway, by operation; read by benchmarks via GET /__sandbox/stats. */
export class CallStats {
  private sinceMs = Date.now();
  private operations = new Map<string, number>();
  private targets = new Map<string, number>();
  private faults = { throttled: 0, errors: 0, dropped: 0, expiredTokens: 0, delayed: 0 };

  /** Count one call. */
  count(operation: string, target: string | null): void {
    this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
    if (target) this.targets.set(target, (this.targets.get(target) ?? 0) + 1);
  }

  /** Count one injected fault. */
  fault(kind: keyof CallStats["faults"]): void {
    this.faults[kind] += 1;
  }

  /** Start counting from zero. */
  reset(): void {
    this.sinceMs = Date.now();
    this.operations = new Map();
    this.targets = new Map();
    this.faults = { throttled: 0, errors: 0, dropped: 0, expiredTokens: 0, delayed: 0 };
  }

  /** JSON for GET /__sandbox/stats. */
  toJSON(): { since: string; total: number; operations: Record<string, number>; targets: Record<string, number>; faults: CallStats["faults"] } {
    let total = 0;
    for (const n of this.operations.values()) total += n;
    return {
      since: new Date(this.sinceMs).toISOString(),
      total,
      operations: Object.fromEntries([...this.operations.entries()].sort()),
      targets: Object.fromEntries([...this.targets.entries()].sort()),
      faults: { ...this.faults },
    };
  }
}
