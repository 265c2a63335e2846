// Starts the sandbox (local AWS through the fault-injecting gateway) and `next start` on it, for the
// benchmarks and scripts/load.ts that measure the running app. Loopback only; stop() ends exactly what it started.
import { startSandbox, type Sandbox } from "../sandbox";
import { ensureBuild, startApp, type AppProcess } from "./app-process";

export { freePort, ensureBuild, startApp, type AppProcess } from "./app-process";

/** The sandbox and the app on it. */
export interface AppHarness {
  sandbox: Sandbox;
  appUrl: string;
  appPid: number;
  getJson<T>(url: string, init?: RequestInit): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the sandbox (traffic on) and `next start` pointed at it. Call stop() in a finally. */
export async function startAppHarness(opts: { env?: Record<string, string>; log?: (line: string) => void } = {}): Promise<AppHarness> {
  const log = opts.log ?? (() => {});
  await ensureBuild(log);
  const sandbox = await startSandbox({ port: 0, traffic: { ratePerMin: 10, bigMapAfterMs: null } });
  let app: AppProcess | null = null;
  const stop = async () => {
    if (app) await app.stop();
    await sandbox.stop();
  };
  try {
    app = await startApp({ endpoint: sandbox.endpoint, region: sandbox.region, env: opts.env, log });
    log(`sandbox on ${sandbox.endpoint}`);
    return {
      sandbox,
      appUrl: app.appUrl,
      appPid: app.pid,
      async getJson<T>(url: string, init?: RequestInit) {
        const res = await fetch(url, init);
        if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url}: HTTP ${res.status}`);
        return (await res.json()) as T;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
