import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/** A child in its own process group, so stopping it stops whatever it forked too (next's workers, a build's). */
export interface GroupChild {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM to the whole group, SIGKILL after graceMs; resolves once the leader has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawn `command` as the leader of a new process group. */
export function spawnGroup(command: string, args: string[], opts: SpawnOptions): GroupChild {
  const child = spawn(command, args, { ...opts, detached: true });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", () => resolve(null));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (!child.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const stop = async (graceMs = 5_000) => {
    // Even when the leader is gone its group may not be (a forked worker): signal the group regardless.
    signalGroup("SIGTERM");
    const force = setTimeout(() => signalGroup("SIGKILL"), graceMs);
    await exited;
    clearTimeout(force);
    // Whatever ignored SIGTERM in the group goes now, not later.
    signalGroup("SIGKILL");
  };
  return { child, exited, stop };
}

/**
 * Stop on SIGINT, SIGTERM and SIGHUP. npm forwards the signal to its child, and the scripts `exec node --import tsx`,
 * so the chain is npm → this process: no `sh -c` to swallow it, and no tsx CLI in between (it relays a signal and
 * SIGKILLs its child when the child does not acknowledge within 30 ms — on a loaded machine, before any cleanup).
 * This process then stops its own tree: every child it spawned is in a group it kills.
 * A second signal exits at once — unless it comes within 2 s of the first: Ctrl-C signals the whole foreground
 * group, so npm and tsx relay to this process the very SIGINT it already got, and that must not cut the cleanup short.
 */
export function stopOnSignals(stop: () => Promise<void>, say: (line: string) => void): void {
  let stoppingSinceMs: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSinceMs !== null) {
      if (Date.now() - stoppingSinceMs > 2_000) process.exit(130);
      return;
    }
    stoppingSinceMs = Date.now();
    say(`${signal}: stopping…`);
    stop()
      .catch((err: unknown) => say(`stop failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => process.exit(0));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}
