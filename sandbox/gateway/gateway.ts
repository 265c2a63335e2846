import { randomUUID } from "node:crypto";
import http from "node:http";
import { listenOnLoopback } from "../ports";
import { carriesNextToken, parseAwsCall, sendAwsError, sendAwsJson, sendBody, type AwsCall } from "./aws-wire";
import { CallStats } from "./call-stats";
import { decideFault, parseFaultConfig, type FaultConfig } from "./faults";
import { HistoryTokens, InvalidTokenError, pageSize, sliceHistory, withoutExecutionData } from "./history-pages";
import { HistoryStore } from "./history-store";
import { forwardToMoto, relay, type MotoAnswer } from "./moto-forward";

/** The gateway in front of moto: AWS-faithful history paging, TIMED_OUT stop dates, faults, stats. */
export interface Gateway {
  port: number;
  endpoint: string;
  stats: CallStats;
  /** Current fault config (replace with setFaults). */
  readonly faults: FaultConfig;
  setFaults(config: FaultConfig): void;
  /** Start forwarding to moto; until then AWS calls get 503 and health says "starting". */
  attachMoto(motoEndpoint: string): HistoryStore;
  /** JSON served at GET /__sandbox/seed. */
  setSeedInfo(info: unknown): void;
  /** What GET /__sandbox/moto reports and POST /__sandbox/moto/restart does (tests in other processes use them). */
  setMotoControl(control: MotoControl): void;
  close(): Promise<void>;
}

/** moto's process as the control endpoints expose it. */
export interface MotoControl {
  info(): { pid: number; endpoint: string };
  restart(): Promise<void>;
}

/** Options for startGateway. */
export interface GatewayOptions {
  /** 0 = any free port. */
  port: number;
  faults?: FaultConfig;
  log?: (line: string) => void;
}

/** Bind the gateway on 127.0.0.1 (throws PortTakenError if the port is busy) before anything else is started. */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const log = opts.log ?? (() => {});
  const stats = new CallStats();
  const tokens = new HistoryTokens();
  const startedAtMs = Date.now();
  let faults: FaultConfig = opts.faults ?? {};
  let motoUrl: URL | null = null;
  let store: HistoryStore | null = null;
  let seedInfo: unknown = null;
  let motoControl: MotoControl | null = null;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`gateway: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendAwsError(res, null, 503, "ServiceUnavailable", "The sandbox could not reach moto");
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    const body = await readBody(req);
    if (url.pathname.startsWith("/__sandbox/")) return control(req, res, url.pathname, body);
    if (!motoUrl || !store) return sendAwsError(res, null, 503, "ServiceUnavailable", "The sandbox is still starting");

    const call = parseAwsCall(req, body);
    stats.count(call.operation, call.target);
    const roleArn = call.operation === "AssumeRole" ? call.form?.get("RoleArn") : undefined;
    if (roleArn && faults.denyAssumeRole?.includes(roleArn)) {
      stats.fault("errors");
      // What STS says when the role's trust policy does not name the caller.
      return sendAwsError(res, call, 403, "AccessDenied", `User: arn:aws:iam::123456789012:user/sandbox is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    }
    const decision = decideFault(faults, { operation: call.operation, target: call.target, hasNextToken: carriesNextToken(call) });
    if (decision.kind === "drop") {
      stats.fault("dropped");
      req.socket.destroy();
      return;
    }
    if (decision.delayMs > 0) {
      stats.fault("delayed");
      await new Promise((r) => setTimeout(r, decision.delayMs));
    }
    if (decision.kind === "throttle") {
      stats.fault("throttled");
      // Step Functions says ThrottlingException; CloudWatch's query-compatible code is "Throttling".
      return sendAwsError(res, call, 400, call.service === "monitoring" ? "Throttling" : "ThrottlingException", "Rate exceeded");
    }
    if (decision.kind === "error") {
      stats.fault("errors");
      return decision.status === 500
        ? sendAwsError(res, call, 500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.")
        : sendAwsError(res, call, 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
    }
    if (decision.kind === "expire-token") {
      stats.fault("expiredTokens");
      return call.service === "monitoring"
        ? sendAwsError(res, call, 400, "InvalidNextToken", "The service returned an error: the next token has expired.")
        : sendAwsError(res, call, 400, "InvalidToken", "Invalid Token: 'Token has expired'");
    }

    switch (call.target) {
      case "AWSStepFunctions.GetExecutionHistory":
        return executionHistory(req, res, call, body, motoUrl, store);
      case "AWSStepFunctions.DescribeExecution":
      case "AWSStepFunctions.ListExecutions":
        return withTimedOutStopDates(res, await forwardToMoto(motoUrl, req, body), store);
      case "AWSStepFunctions.StartExecution":
        if (call.json && call.json.name === undefined) {
          // moto names an unnamed execution "None", so the second one collides; AWS generates a UUID.
          return relay(res, await forwardToMoto(motoUrl, req, Buffer.from(JSON.stringify({ ...call.json, name: randomUUID() }))));
        }
        return relay(res, await forwardToMoto(motoUrl, req, body));
      default:
        return relay(res, await forwardToMoto(motoUrl, req, body));
    }
  }

  async function executionHistory(req: http.IncomingMessage, res: http.ServerResponse, call: AwsCall, body: Buffer, moto: URL, histories: HistoryStore): Promise<void> {
    const input = call.json;
    const executionArn = input?.executionArn;
    // Let moto word its own validation errors for a missing or malformed request.
    if (!input || typeof executionArn !== "string") return relay(res, await forwardToMoto(moto, req, body));
    const size = pageSize(input.maxResults);
    if (typeof size !== "number") return sendAwsError(res, call, 400, "ValidationException", size.error);
    const reverseOrder = input.reverseOrder === true;
    let afterEventId: number | null = null;
    if (input.nextToken !== undefined && input.nextToken !== null) {
      try {
        if (typeof input.nextToken !== "string") throw new InvalidTokenError("Invalid Token: 'Invalid token'");
        afterEventId = tokens.open(input.nextToken, executionArn, reverseOrder, Date.now()).lastEventId;
      } catch (err) {
        if (err instanceof InvalidTokenError) return sendAwsError(res, call, 400, "InvalidToken", err.message);
        throw err;
      }
    }
    // A first page always reads moto afresh; later pages of a RUNNING execution may reuse the snapshot (≤ 1 s old).
    const history = await histories.get(executionArn, { fresh: afterEventId === null });
    if (!history.ok) return relay(res, history.answer);
    const page = sliceHistory(history.events, { size, reverseOrder, afterEventId });
    const events = input.includeExecutionData === false ? withoutExecutionData(page.events) : page.events;
    const out: { events: unknown[]; nextToken?: string } = { events };
    if (page.more && page.lastEventId !== null) {
      out.nextToken = tokens.seal({ executionArn, lastEventId: page.lastEventId, reverseOrder, issuedAtMs: Date.now() });
    }
    sendAwsJson(res, out);
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, body: Buffer): Promise<void> {
    const json = (status: number, value: unknown) => sendBody(res, status, "application/json", JSON.stringify(value));
    const route = `${req.method} ${pathname.replace(/\/+$/, "")}`;
    switch (route) {
      case "GET /__sandbox/health":
        return motoUrl
          ? json(200, { status: "ok", endpoint: gateway.endpoint, moto: motoUrl.origin, uptimeMs: Date.now() - startedAtMs, seeded: seedInfo !== null })
          : json(503, { status: "starting" });
      case "GET /__sandbox/faults":
        return json(200, faults);
      case "POST /__sandbox/faults":
      case "PUT /__sandbox/faults":
        try {
          faults = parseFaultConfig(JSON.parse(body.toString("utf8") || "{}"));
        } catch (err) {
          return json(400, { error: err instanceof Error ? err.message : String(err) });
        }
        log(`gateway: faults set ${JSON.stringify(faults)}`);
        return json(200, faults);
      case "DELETE /__sandbox/faults":
        faults = {};
        log("gateway: faults cleared");
        return json(200, faults);
      case "GET /__sandbox/stats":
        return json(200, stats.toJSON());
      case "DELETE /__sandbox/stats":
        stats.reset();
        return json(200, stats.toJSON());
      case "GET /__sandbox/moto":
        return motoControl ? json(200, motoControl.info()) : json(503, { status: "starting" });
      case "POST /__sandbox/moto/restart":
        if (!motoControl) return json(503, { status: "starting" });
        try {
          await motoControl.restart();
        } catch (err) {
          return json(500, { error: err instanceof Error ? err.message : String(err) });
        }
        return json(200, motoControl.info());
      case "GET /__sandbox/seed":
        return seedInfo === null ? json(404, { error: "nothing seeded" }) : json(200, seedInfo);
      default:
        return json(404, { error: `no sandbox endpoint ${route}` });
    }
  }

  const port = await listenOnLoopback(server, opts.port);
  const gateway: Gateway = {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    get faults() {
      return faults;
    },
    setFaults(config) {
      faults = parseFaultConfig(config);
    },
    attachMoto(motoEndpoint) {
      motoUrl = new URL(motoEndpoint);
      store = new HistoryStore(motoUrl);
      return store;
    },
    setSeedInfo(info) {
      seedInfo = info;
    },
    setMotoControl(control) {
      motoControl = control;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return gateway;
}

/** Fill in stopDate for TIMED_OUT executions in DescribeExecution / ListExecutions answers (moto leaves it out). */
async function withTimedOutStopDates(res: http.ServerResponse, answer: MotoAnswer, store: HistoryStore): Promise<void> {
  if (answer.status !== 200) return relay(res, answer);
  const parsed = JSON.parse(answer.body.toString("utf8")) as { status?: string; stopDate?: number; executionArn?: string; executions?: { status?: string; stopDate?: number; executionArn?: string }[] };
  const rows = parsed.executions ?? [parsed];
  const missing = rows.filter((r) => r.status === "TIMED_OUT" && r.stopDate === undefined && typeof r.executionArn === "string");
  if (missing.length === 0) return relay(res, answer);
  // Usually already known from the metrics poller; otherwise a few history reads at a time, not a burst on moto.
  for (let i = 0; i < missing.length; i += 4) {
    await Promise.all(
      missing.slice(i, i + 4).map(async (row) => {
        const stop = await store.stopDate(row.executionArn as string);
        if (stop !== null) row.stopDate = stop;
      }),
    );
  }
  relay(res, answer, Buffer.from(JSON.stringify(parsed), "utf8"));
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
