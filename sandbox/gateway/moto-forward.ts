import http from "node:http";

/** A buffered answer from moto. */
export interface MotoAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// Hop-by-hop headers: moto closes every connection; the client's keep-alive with the gateway must survive that.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te", "trailer"]);

/** Send the client's request (method, path, headers) to moto, optionally with a replacement body. */
export function forwardToMoto(motoUrl: URL, req: http.IncomingMessage, body: Buffer): Promise<MotoAnswer> {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === "content-length" || name === "expect") continue;
    headers[name] = value;
  }
  headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      { host: motoUrl.hostname, port: motoUrl.port, method: req.method, path: req.url, headers, timeout: 120_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    upstream.on("timeout", () => upstream.destroy(new Error("moto did not answer within 120 s")));
    upstream.on("error", reject);
    upstream.end(body);
  });
}

/** Relay moto's answer to the client, minus hop-by-hop headers, with an exact Content-Length. */
export function relay(res: http.ServerResponse, answer: MotoAnswer, body: Buffer = answer.body): void {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === "content-length" || name === "status") continue;
    headers[name] = value;
  }
  headers["content-length"] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(body);
}

/** Call moto's AWS JSON 1.0 API directly (gateway-internal; not counted, no faults). */
export function callMotoJson(motoUrl: URL, opts: { service: string; region: string; target: string; body: unknown; account?: string }): Promise<MotoAnswer> {
  const payload = Buffer.from(JSON.stringify(opts.body), "utf8");
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, "");
  const headers: http.OutgoingHttpHeaders = {
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": opts.target,
    // moto routes by the credential scope's service name and never checks the signature.
    authorization: `AWS4-HMAC-SHA256 Credential=test/${date}/${opts.region}/${opts.service}/aws4_request, SignedHeaders=host, Signature=0`,
    "content-length": String(payload.length),
    // moto's header for "this account" (else the default one, 123456789012).
    ...(opts.account && /^\d{12}$/.test(opts.account) ? { "x-moto-account-id": opts.account } : {}),
  };
  return new Promise((resolve, reject) => {
    const upstream = http.request({ host: motoUrl.hostname, port: motoUrl.port, method: "POST", path: "/", headers, timeout: 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    upstream.on("timeout", () => upstream.destroy(new Error("moto did not answer within 120 s")));
    upstream.on("error", reject);
    upstream.end(payload);
  });
}
