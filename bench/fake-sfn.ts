// A loopback Step Functions endpoint over ONE generated history, speaking the SDK's JSON 1.0 protocol
// for DescribeExecution, DescribeStateMachineForExecution and GetExecutionHistory (maxResults, nextToken,
// reverseOrder), with a fixed delay per call: the real lib/aws code runs against it through AWS_ENDPOINT_URL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { HistoryEvent } from "@/lib/domain/history-event";

/** What the fake endpoint serves. */
export interface FakeSfnOptions {
  executionArn: string;
  events: HistoryEvent[];
  definition: string;
  /** Added to every call before it answers. */
  latencyMs: number;
}

/** A running fake endpoint. */
export interface FakeSfn {
  endpoint: string;
  calls: Record<string, number>;
  close(): Promise<void>;
}

const seconds = (iso: Date | string) => new Date(iso).getTime() / 1000;

/** Starts the fake on 127.0.0.1 (a free port). */
export async function startFakeSfn(opts: FakeSfnOptions): Promise<FakeSfn> {
  // The wire format carries epoch seconds where the domain type carries ISO strings.
  const ascending = opts.events.map((e) => ({ ...e, timestamp: seconds(e.timestamp) }));
  const descending = [...ascending].reverse();
  const first = opts.events[0]!;
  const last = opts.events[opts.events.length - 1]!;
  const failed = last.type === "ExecutionFailed" ? (last.executionFailedEventDetails as { error?: string; cause?: string }) : null;
  const stateMachineArn = opts.executionArn.replace(":execution:", ":stateMachine:").split(":").slice(0, 7).join(":");
  const calls: Record<string, number> = {};

  const answer = (op: string, input: Record<string, unknown>): [number, unknown] => {
    if (input.executionArn !== opts.executionArn) return [400, { __type: "ExecutionDoesNotExist", message: "Execution Does Not Exist" }];
    if (op === "DescribeExecution") {
      return [200, {
        executionArn: opts.executionArn, stateMachineArn, name: opts.executionArn.split(":").pop(),
        status: failed ? "FAILED" : "SUCCEEDED", startDate: seconds(first.timestamp), stopDate: seconds(last.timestamp),
        input: "{}", inputDetails: { included: true }, ...(failed ? { error: failed.error, cause: failed.cause } : {}),
      }];
    }
    if (op === "DescribeStateMachineForExecution") {
      return [200, { stateMachineArn, name: stateMachineArn.split(":").pop(), definition: opts.definition, roleArn: "arn:aws:iam::111111111111:role/sfn", updateDate: seconds(first.timestamp) }];
    }
    if (op === "GetExecutionHistory") {
      const list = input.reverseOrder ? descending : ascending;
      const size = Math.min(1000, Math.max(1, Number(input.maxResults) || 100));
      const offset = typeof input.nextToken === "string" ? Number(input.nextToken.split(":")[1]) : 0;
      const end = Math.min(list.length, offset + size);
      const events = input.includeExecutionData === false
        ? list.slice(offset, end).map(stripData)
        : list.slice(offset, end);
      return [200, { events, ...(end < list.length ? { nextToken: `${input.reverseOrder ? "r" : "a"}:${end}` } : {}) }];
    }
    return [400, { __type: "UnknownOperationException", message: op }];
  };

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const op = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
      calls[op] = (calls[op] ?? 0) + 1;
      setTimeout(() => {
        const [status, payload] = answer(op, body ? (JSON.parse(body) as Record<string, unknown>) : {});
        const text = JSON.stringify(payload);
        res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(text), "x-amzn-requestid": "bench" });
        res.end(text);
      }, opts.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function stripData(event: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith("EventDetails") && value && typeof value === "object") {
      const { input: _i, output: _o, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    } else copy[key] = value;
  }
  return copy;
}
