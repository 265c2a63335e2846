import { createMotoClients, SANDBOX_REGION, type MotoClients } from "./aws-clients";
import { startGateway } from "./gateway/gateway";
import { parseFaultConfig, type FaultConfig } from "./gateway/faults";
import { StatesMetricsPublisher, type SandboxEvent } from "./gateway/states-metrics";
import { setupEvents, StatusEventPublisher, type EventsSetup } from "./gateway/status-events";
import { startMoto } from "./moto/start-moto";
import { assertPortFree } from "./ports";
import { describeSeed, seedSandbox, type SeedInfo } from "./seed";
import { SecondAccountTraffic, secondAccountSfnClient, seedSecondAccount } from "./second-account";
import { CallbackWorkers } from "./traffic/callback-workers";
import { DEFAULT_RATE_PER_MIN, TrafficGenerator, type GeneratorOptions } from "./traffic/generator";

export { PortTakenError } from "./ports";
export { MotoDefectError, MotoMissingError, MOTO_INSTALL_HINT } from "./moto/start-moto";
export type { FaultConfig } from "./gateway/faults";
export type { SandboxEvent } from "./gateway/states-metrics";
export type { EventsSetup } from "./gateway/status-events";
export type { SeedInfo, SeededStateMachine, SeededAlarm, WorkflowName } from "./seed";
export { SECOND_ACCOUNT_ID, SECOND_ACCOUNT_NAME, SECOND_ACCOUNT_ROLE_ARN, SECOND_ACCOUNT_WORKFLOWS, secondAccountStateMachineArn } from "./second-account";

/** Options of startSandbox. */
export interface SandboxOptions {
  /** Gateway port on 127.0.0.1; 0 picks a free one. Default 4566. */
  port?: number;
  /** moto's port; 0 (default) picks a free one. */
  motoPort?: number;
  /** Run the callback workers and the execution generator (default true). */
  traffic?: boolean | GeneratorOptions;
  /** Create the state machines, queue and alarms (default true). */
  seed?: boolean;
  /** Faults to inject from the start (default: SANDBOX_FAULTS, else none). */
  faults?: FaultConfig;
  /** Base URL of the dashboard, for the links in alarm descriptions. */
  dashboardUrl?: string;
  log?: (line: string) => void;
  /** moto's own output (tracebacks of ordinary ASL failures, werkzeug); default: into `log`. Launcher lines always go to stderr. */
  motoOutput?: (line: string) => void;
  /** Executions that closed badly and alarms that fired, as they happen (the demo prints one line each). */
  onEvent?: (event: SandboxEvent) => void;
  /**
   * Publish Step Functions status-change events through moto's EventBridge to an SQS queue (+ DLQ) created for
   * them (default false: moto emits none). Faults: eventDropRate, eventDuplicateRate, eventDelayRate.
   */
  events?: boolean;
}

/** A running sandbox. */
export interface Sandbox {
  /** Gateway URL to give the SDK / AWS_ENDPOINT_URL. */
  endpoint: string;
  port: number;
  /** moto's own URL (bypasses paging, metrics and faults); changes on restartMoto. */
  motoEndpoint: string;
  /** pid of the moto child process; changes on restartMoto. */
  motoPid: number;
  region: string;
  seed: SeedInfo;
  /** The generator, when traffic is on (tests can start extra executions through it). */
  traffic: TrafficGenerator | null;
  /** With `events`: the queue the dashboard consumes (SFN_TRIAGE_EVENTS_QUEUE_URL), its DLQ and the rule; else null. */
  events: EventsSetup | null;
  /** With `events`: status-change events published (copies included), dropped by a fault, failed. */
  eventCounts(): { published: number; dropped: number; failed: number };
  /**
   * Stop moto, start a fresh one, re-seed it and point the gateway, metrics and workers at it. moto keeps
   * everything in memory, so executions (and metrics, alarm states, queued callbacks) are gone afterwards.
   */
  restartMoto(): Promise<void>;
  /** Stop traffic, the metrics poller, the gateway and moto. Safe to call twice. */
  stop(): Promise<void>;
}

/** Start moto, the gateway in front of it, the seeded workflows and (optionally) traffic. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.log ?? (() => {});
  const faults = opts.faults ?? (process.env.SANDBOX_FAULTS ? parseFaultConfig(JSON.parse(process.env.SANDBOX_FAULTS)) : {});
  // Bind the gateway (and check moto's fixed port, if any) before spawning anything: a busy port fails fast.
  if (opts.motoPort) await assertPortFree(opts.motoPort);
  const gateway = await startGateway({ port: opts.port ?? 4566, faults, log });
  const cleanups: (() => Promise<void> | void)[] = [() => gateway.close()];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log(`sandbox: stop: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  try {
    let moto = await startMoto({ port: opts.motoPort ?? 0, log, output: opts.motoOutput });
    cleanups.push(() => moto.stop());
    log(`sandbox: moto on ${moto.endpoint} (pid ${moto.pid})`);
    // One object whose clients are swapped on restartMoto: the generator and workers read clients.sfn / .sqs per call.
    const clients: MotoClients = createMotoClients(moto.endpoint);
    cleanups.push(() => clients.destroy());

    const seed = opts.seed === false ? describeSeed() : await seedSandbox(clients, { dashboardUrl: opts.dashboardUrl });
    // The second account ("payments", docs/accounts.md): its own state machines and a trickle of executions.
    let secondSfn = secondAccountSfnClient(moto.endpoint);
    cleanups.push(() => secondSfn.destroy());
    if (opts.seed !== false) await seedSecondAccount(secondSfn);
    let store = gateway.attachMoto(moto.endpoint);
    if (opts.seed !== false) gateway.setSeedInfo(seed);

    // Status-change events (moto emits none): the rule and queue live in moto, so a restart creates them again.
    let events: EventsSetup | null = opts.events ? await setupEvents(clients, gateway.endpoint) : null;
    let publisher = opts.events ? new StatusEventPublisher(clients, () => gateway.faults, log) : null;
    const publishing = () => (publisher ? (arn: string, status: string, stopMs?: number) => void publisher?.statusChanged(arn, status, stopMs) : null);
    if (events) log(`sandbox: status-change events → ${events.queueUrl} (DLQ ${events.dlqUrl})`);
    cleanups.push(() => publisher?.stop());

    // Its seen-executions and history store belong to one moto: a restart replaces it.
    let metrics = new StatesMetricsPublisher(clients, store, log, undefined, opts.onEvent, publishing());
    metrics.start();
    cleanups.push(() => metrics.stop());

    let traffic: TrafficGenerator | null = null;
    let secondTraffic: SecondAccountTraffic | null = null;
    let workers: CallbackWorkers | null = null;
    if (opts.traffic !== false) {
      workers = new CallbackWorkers(clients, log);
      workers.start();
      cleanups.push(() => workers?.stop());
      const generatorOptions: GeneratorOptions = typeof opts.traffic === "object" ? opts.traffic : {};
      const envRate = Number(process.env.SANDBOX_RATE);
      traffic = new TrafficGenerator(clients, log, {
        ratePerMin: Number.isFinite(envRate) && process.env.SANDBOX_RATE ? envRate : DEFAULT_RATE_PER_MIN,
        ...generatorOptions,
      });
      traffic.start();
      const generator = traffic;
      cleanups.push(() => generator.stop());
      secondTraffic = new SecondAccountTraffic(() => secondSfn, log);
      secondTraffic.start();
      cleanups.push(() => secondTraffic?.stop());
    }

    let restarting: Promise<void> | null = null;
    const restartOnce = async () => {
      metrics.stop();
      await workers?.stop();
      await moto.stop();
      log(`sandbox: moto (pid ${moto.pid}) stopped for a restart`);
      // Until the new moto is attached the gateway still forwards to the dead port: callers get 503s, as in an outage.
      moto = await startMoto({ port: opts.motoPort ?? 0, log, output: opts.motoOutput });
      log(`sandbox: moto restarted on ${moto.endpoint} (pid ${moto.pid})`);
      if (stopped) return void (await moto.stop());
      clients.destroy();
      Object.assign(clients, createMotoClients(moto.endpoint));
      if (opts.seed !== false) await seedSandbox(clients, { dashboardUrl: opts.dashboardUrl });
      secondSfn.destroy();
      secondSfn = secondAccountSfnClient(moto.endpoint);
      if (opts.seed !== false) await seedSecondAccount(secondSfn);
      store = gateway.attachMoto(moto.endpoint);
      handle.motoEndpoint = moto.endpoint;
      handle.motoPid = moto.pid;
      if (opts.events) {
        publisher?.stop();
        events = await setupEvents(clients, gateway.endpoint);
        handle.events = events;
        publisher = new StatusEventPublisher(clients, () => gateway.faults, log);
      }
      metrics = new StatesMetricsPublisher(clients, store, log, undefined, opts.onEvent, publishing());
      metrics.start();
      if (workers) {
        workers = new CallbackWorkers(clients, log);
        workers.start();
      }
      // The new moto knows no executions: one of every scenario again, so every failure kind is back within a minute.
      traffic?.burst();
      void secondTraffic?.burst();
    };
    const restartMoto = () => {
      if (stopped) return Promise.reject(new Error("sandbox: restartMoto after stop"));
      // Two overlapping restarts share one: the second caller waits for the first.
      restarting ??= restartOnce().finally(() => (restarting = null));
      return restarting;
    };

    gateway.setMotoControl({ info: () => ({ pid: moto.pid, endpoint: moto.endpoint }), restart: restartMoto });
    const handle: Sandbox = {
      endpoint: gateway.endpoint,
      port: gateway.port,
      motoEndpoint: moto.endpoint,
      motoPid: moto.pid,
      region: SANDBOX_REGION,
      seed,
      traffic,
      events,
      eventCounts: () => ({ ...(publisher?.counts ?? { published: 0, dropped: 0, failed: 0 }) }),
      restartMoto,
      stop,
    };
    return handle;
  } catch (err) {
    await stop();
    throw err;
  }
}
