import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

/** What to run when moto is missing; printed verbatim. */
export const MOTO_INSTALL_HINT = "pip install -r sandbox/requirements.txt";

/** moto (or python3) is not installed: the message says how to install it. */
export class MotoMissingError extends Error {
  constructor(detail: string) {
    super(`${detail}\nThe sandbox needs Python 3 with moto[server] 5.2.1 (pinned in sandbox/requirements.txt). Install them with:\n  ${MOTO_INSTALL_HINT}`);
    this.name = "MotoMissingError";
  }
}

/** moto started but a defect probe misbehaved on the pinned version (launcher exit 5): the message is the reason. */
export class MotoDefectError extends Error {
  constructor(reason: string) {
    super(`moto refused to start: ${reason}`);
    this.name = "MotoDefectError";
  }
}

/** A running moto server child process. */
export interface MotoServer {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

// tsx runs this file as CommonJS (__dirname), vitest as ESM (import.meta.url).
const HERE = typeof __dirname === "string" ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const LAUNCHER = path.join(HERE, "launch.py");
// The probes take ~4 s on a quiet machine; a loaded one gets more than an order of magnitude of room.
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 3_000;

/** Start sandbox/moto/launch.py on 127.0.0.1:port (0 = let it pick) and resolve once it listens. */
export function startMoto(opts: { port?: number; python?: string; log?: (line: string) => void; output?: (line: string) => void; launcherLines?: (line: string) => void } = {}): Promise<MotoServer> {
  const log = opts.log ?? (() => {});
  // The launcher's own lines (version, probes, patches) always reach stderr, wherever the caller sends the rest.
  const launcherLine = opts.launcherLines ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Everything else moto prints (tracebacks of ordinary ASL failures, werkzeug) goes to `output`, else to log.
  const output = opts.output ?? ((line: string) => log(`moto: ${line}`));
  const python = opts.python ?? process.env.SANDBOX_PYTHON ?? "python3";
  const child: ChildProcessWithoutNullStreams = spawn(python, ["-u", LAUNCHER, String(opts.port ?? 0)], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  // Holding stdin open is the launcher's lifeline: when this process dies, the pipe closes and moto exits.
  child.stdin.on("error", () => {});

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stderrTail: string[] = [];
  let refusal = "";
  readline.createInterface({ input: child.stderr }).on("line", (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    if (line.startsWith("[moto-launch]")) {
      launcherLine(line);
      const refused = /refusing to start: (.*)$/.exec(line);
      if (refused?.[1]) refusal = refused[1];
    } else output(line);
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<MotoServer>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().finally(() => reject(err));
    };
    const timer = setTimeout(() => fail(new Error(`moto did not start within ${READY_TIMEOUT_MS / 1000} s:\n${stderrTail.join("\n")}`)), READY_TIMEOUT_MS);

    child.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") fail(new MotoMissingError(`${python} was not found on PATH.`));
      else fail(err);
    });
    void exited.then((code) => {
      if (settled) return;
      const tail = stderrTail.join("\n");
      if (code === 3) fail(new MotoMissingError(`moto is not importable by ${python}.`));
      else if (code === 4) fail(new Error(`moto could not bind its port: ${tail}`));
      else if (code === 5) fail(new MotoDefectError(refusal || tail));
      else fail(new Error(`moto exited with code ${code} before it was ready:\n${tail}`));
    });
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const ready = /^MOTO_READY (\d+)$/.exec(line.trim());
      if (!ready) {
        output(line);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const port = Number(ready[1]);
      resolve({ endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid ?? -1, stop });
    });
  });
}
