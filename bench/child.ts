// Runs one bench script in its own Node process: lib/server imports "server-only", which only resolves
// under the react-server condition, and memory figures need --expose-gc and a heap of their own.
import { spawn } from "node:child_process";
import path from "node:path";

/** Runs `bench/<script>` under tsx with --conditions=react-server --expose-gc; resolves with the JSON it prints last. */
export function runBenchChild<T>(script: string, env: Record<string, string> = {}, timeoutMs = 300_000): Promise<T> {
  const file = path.resolve(__dirname, script);
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--expose-gc", "--import", "tsx", file], {
      cwd: path.resolve(__dirname, ".."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`${script} exited ${code ?? signal}: ${last.slice(0, 500)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 500)}`));
      }
    });
  });
}
