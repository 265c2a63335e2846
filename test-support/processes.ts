// Test support for the tests that start CLI processes: free ports, process trees read from /proc, output waits.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";

/** A port that is free right now on 127.0.0.1 (bound and released), so two checkouts can test side by side. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

/** True when nothing listens on 127.0.0.1:port (we can bind it). */
export async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Every process below `root` (children, grandchildren…), read from /proc: pid → command line. */
export function descendants(root: number): Map<number, string> {
  const parentOf = new Map<number, number>();
  const commandOf = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the ppid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
      commandOf.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim());
    } catch {
      // The process ended while we looked.
    }
  }
  const found = new Map<number, string>();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const [child, parent] of parentOf) {
      if (parent === pid && !found.has(child)) {
        found.set(child, commandOf.get(child) ?? "?");
        queue.push(child);
      }
    }
  }
  return found;
}

/** True while `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Collect a child's stdout and stderr; `waitFor` resolves with the first match of a pattern in the output so far. */
export function watchOutput(child: ChildProcess): { text: () => string; waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray> } {
  let text = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const l of listeners) l();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  return {
    text: () => text,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${text.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${text.slice(-3000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off("exit", check);
        };
        listeners.add(check);
        child.on("exit", check);
        check();
      }),
  };
}

/** Resolve once `pid` is gone, or reject after timeoutMs. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} still alive after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
