import { randomBytes } from "node:crypto";
import type http from "node:http";

/** What the gateway needs to know about one AWS request. */
export interface AwsCall {
  /** X-Amz-Target as sent, e.g. "AWSStepFunctions.GetExecutionHistory"; null for query/REST protocols. */
  target: string | null;
  /** Operation name: the part of the target after the dot, or the query protocol's Action. */
  operation: string;
  /** Signing name from the Authorization header's credential scope: states, monitoring, sqs, … */
  service: string;
  /** "json" for AWS JSON 1.0/1.1, "query" for form-encoded Action=…, "rest" otherwise. */
  protocol: "json" | "query" | "rest";
  /** Parsed JSON body for the json protocol (null if absent or unparsable). */
  json: Record<string, unknown> | null;
  /** Parsed form fields for the query protocol. */
  form: URLSearchParams | null;
}

/** Classify a request from its headers and body. */
export function parseAwsCall(req: http.IncomingMessage, body: Buffer): AwsCall {
  const target = headerValue(req, "x-amz-target");
  const auth = headerValue(req, "authorization") ?? "";
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  const service = scope?.[1] ?? "unknown";
  const contentType = headerValue(req, "content-type") ?? "";
  if (target) {
    let json: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = body.length ? JSON.parse(body.toString("utf8")) : {};
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { target, operation: target.slice(target.lastIndexOf(".") + 1), service, protocol: "json", json, form: null };
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(body.toString("utf8"));
    return { target: null, operation: form.get("Action") ?? "unknown", service, protocol: "query", json: null, form };
  }
  const url = new URL(req.url ?? "/", "http://gateway");
  const action = url.searchParams.get("Action");
  return { target: null, operation: action ?? `${req.method ?? "GET"} ${url.pathname}`, service, protocol: action ? "query" : "rest", json: null, form: null };
}

/** First value of a request header. */
export function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Does this request carry a pagination token (nextToken / NextToken), in JSON or form? */
export function carriesNextToken(call: AwsCall): boolean {
  if (call.json) return typeof call.json.nextToken === "string" || typeof call.json.NextToken === "string";
  if (call.form) return call.form.has("NextToken") || call.form.has("nextToken");
  return false;
}

/** A fresh request id in the shape AWS uses. */
export function newRequestId(): string {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Answer with an AWS error in the protocol the caller spoke (JSON 1.0 body, or query XML). */
export function sendAwsError(res: http.ServerResponse, call: AwsCall | null, status: number, code: string, message: string): void {
  const requestId = newRequestId();
  if (call?.protocol === "query") {
    const type = status >= 500 ? "Receiver" : "Sender";
    const xml =
      `<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>${type}</Type>` +
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    sendBody(res, status, "text/xml", xml, { "x-amzn-requestid": requestId });
    return;
  }
  const headers: Record<string, string> = { "x-amzn-requestid": requestId, "x-amzn-errortype": code };
  // CloudWatch speaks JSON 1.0 in "query-compatible" mode: the SDK takes the error code from this header.
  if (call?.service === "monitoring") headers["x-amzn-query-error"] = `${code};${status >= 500 ? "Receiver" : "Sender"}`;
  sendBody(res, status, "application/x-amz-json-1.0", JSON.stringify({ __type: code, message }), headers);
}

/** Write a complete response with a Content-Length. */
export function sendBody(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { ...headers, "content-type": contentType, "content-length": String(buf.length) });
  res.end(buf);
}

/** Send a JSON 1.0 success body. */
export function sendAwsJson(res: http.ServerResponse, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, 200, "application/x-amz-json-1.0", JSON.stringify(value), { "x-amzn-requestid": newRequestId(), ...headers });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c);
}
