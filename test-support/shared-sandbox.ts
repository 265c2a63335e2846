// The shared sandbox of the integration project, as a test file sees it: started once by integration-setup.ts
// (another process), reached over its gateway, controlled through its /__sandbox endpoints.
import { ListStateMachinesCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { inject } from "vitest";
import type { SeedInfo } from "../sandbox";
import { SANDBOX_CREDENTIALS } from "../sandbox/aws-clients";
import { stateMachineArn } from "../sandbox/seed";

/** What integration-setup.ts provides. */
export interface SharedSandboxInfo {
  endpoint: string;
  region: string;
  seed: SeedInfo;
  motoPid: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: SharedSandboxInfo;
  }
}

/** Handle on the shared sandbox: the same names as sandbox/index.ts's Sandbox where they overlap. */
export interface SharedSandbox extends SharedSandboxInfo {
  /** Restart moto (re-seeded, executions gone, a burst of every scenario started); updates motoPid. */
  restartMoto(): Promise<void>;
  /** Start one execution of a seeded state machine; resolves with its ARN. */
  startExecution(stateMachine: string, name: string, input: Record<string, unknown>): Promise<string>;
  /** moto is alive and answering through the gateway again (after a kill, restart it). */
  ensureMoto(): Promise<void>;
}

/** The shared sandbox (moto's current pid read from the gateway); fails with a clear message outside the integration project. */
export async function sharedSandbox(): Promise<SharedSandbox> {
  const provided = inject("sandbox");
  if (!provided) throw new Error("no shared sandbox: run this file in the vitest `integration` project (npm run test:integration)");
  const moto = await fetch(`${provided.endpoint}/__sandbox/moto`);
  if (!moto.ok) throw new Error(`the shared sandbox does not answer /__sandbox/moto: HTTP ${moto.status}`);
  const info: SharedSandboxInfo = { ...provided, motoPid: ((await moto.json()) as { pid: number }).pid };
  const sfn = new SFNClient({ endpoint: info.endpoint, region: info.region, credentials: SANDBOX_CREDENTIALS, maxAttempts: 3 });
  const handle: SharedSandbox = {
    ...info,
    async restartMoto() {
      const res = await fetch(`${info.endpoint}/__sandbox/moto/restart`, { method: "POST" });
      if (!res.ok) throw new Error(`restarting moto: HTTP ${res.status} ${await res.text()}`);
      handle.motoPid = ((await res.json()) as { pid: number }).pid;
    },
    async startExecution(stateMachine, name, input) {
      const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn(stateMachine), name, input: JSON.stringify(input) }));
      if (!out.executionArn) throw new Error(`StartExecution ${stateMachine}/${name} returned no ARN`);
      return out.executionArn;
    },
    async ensureMoto() {
      // Asked through the gateway, as every test does: a killed moto (even one not reaped yet) fails this.
      const probe = new SFNClient({ endpoint: info.endpoint, region: info.region, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
      try {
        await probe.send(new ListStateMachinesCommand({}));
      } catch {
        await handle.restartMoto();
      } finally {
        probe.destroy();
      }
    },
  };
  return handle;
}
