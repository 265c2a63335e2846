import { NextResponse, type NextRequest } from "next/server";
import { ArnError, parseStatesArn } from "@/lib/analysis/links/arn";
import { resolveQuery } from "@/lib/analysis/links/resolve-query";
import { ALARM_LINK_EXPECTED, checkAlarmLink } from "@/lib/analysis/links/alarm-path";
import { AUTH_REALM, AuthConfigError, checkAuthorization, isPublicPath } from "@/lib/server/auth";
import { ClientRateLimiter, clientKey } from "@/lib/server/client-limits";
import { preflightPage } from "@/lib/server/page-preflight";

/**
 * Bad links get a real 400 before any page renders: App Router pages can only set 404 themselves,
 * and a runbook's broken link must not look like a working page to monitors or to people.
 */
export async function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const client = clientKey(request.headers);
  const denied = await authenticate(request, client);
  if (denied) return withSecurityPolicy(denied, contentSecurityPolicy(null));
  // A malformed link costs nothing to answer, so it is answered before the per-client limit.
  const problem = findProblem(pathname, searchParams);
  if (problem) {
    const url = request.nextUrl.clone();
    url.pathname = "/bad-link";
    url.search = new URLSearchParams({ message: problem.message, expected: problem.expected, q: problem.input.slice(0, 2000) }).toString();
    // The route handler at /bad-link answers 400 itself; a rewrite to a page would answer 200.
    return withSecurityPolicy(NextResponse.rewrite(url), contentSecurityPolicy(null));
  }
  const limited = limitClient(pathname, client);
  if (limited) return withSecurityPolicy(limited, contentSecurityPolicy(null));
  // An AWS-backed page with nothing to show during an outage answers 503 here: once a page streams it is a 200.
  const unavailable = await preflightPage({ method: request.method, pathname, searchParams, headers: request.headers });
  if (unavailable) return withSecurityPolicy(new NextResponse(unavailable.body, unavailable), contentSecurityPolicy(null));
  // A fresh nonce per request: Next reads it from the request's CSP header and puts it on its own
  // inline hydration scripts, so no other inline script can run (every page renders dynamically).
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  return withSecurityPolicy(NextResponse.next({ request: { headers } }), policy);
}

/** The Content-Security-Policy: scripts only from our build and Next's nonce-bearing inline scripts. */
function contentSecurityPolicy(nonce: string | null): string {
  const dev = process.env.NODE_ENV === "development";
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    // `next dev` needs eval for React's debugging aids; production never gets it.
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    // React Flow and Recharts position nodes with inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withSecurityPolicy(response: NextResponse, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  return response;
}

/**
 * With SFN_TRIAGE_BASIC_AUTH set, every page and API needs it, except the liveness probe.
 * A malformed value fails closed (503): a typo must not leave the dashboard open.
 */
async function authenticate(request: NextRequest, client: string): Promise<NextResponse | null> {
  const configured = process.env.SFN_TRIAGE_BASIC_AUTH;
  if (!configured || isPublicPath(request.nextUrl.pathname)) return null;
  let decision;
  try {
    decision = await checkAuthorization(configured, request.headers.get("authorization"), client);
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    console.error(`sfn-triage: ${error.message}`);
    return NextResponse.json(
      { error: { kind: "auth-misconfigured", message: "Authentication is misconfigured on this server; see the server log." } },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
  if (decision.ok) return null;
  if (decision.reason === "backoff" || decision.reason === "busy") {
    return tooManyRequests(decision.retryAfterSeconds, decision.reason === "busy" ? "Too many sign-ins are being checked right now." : "Too many wrong passwords from this client.");
  }
  return NextResponse.json(
    { error: { kind: "unauthorized", message: decision.reason === "missing" ? "This dashboard needs a user name and password." : "Wrong user name or password." } },
    { status: 401, headers: { "www-authenticate": `Basic realm="${AUTH_REALM}", charset="UTF-8"`, "cache-control": "no-store" } },
  );
}

function tooManyRequests(retryAfterSeconds: number, message: string): NextResponse {
  return NextResponse.json(
    { error: { kind: "rate-limited", message: `${message} Try again in ${retryAfterSeconds} s.`, retryAfterSeconds } },
    { status: 429, headers: { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" } },
  );
}

// Pages and APIs whose answer may need AWS: each client gets a steady share, so no one client can spend
// the account's Step Functions quota. The fleet, static assets and health are served from memory.
const COSTLY_SECTIONS = new Set(["executions", "state-machines", "go", "alarms", "signatures"]);
const perClient = new ClientRateLimiter({
  burst: positiveFromEnv("SFN_TRIAGE_CLIENT_BURST", 60),
  perSecond: positiveFromEnv("SFN_TRIAGE_CLIENT_RATE", 5),
});

function positiveFromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function limitClient(pathname: string, client: string): NextResponse | null {
  const [, first, second] = pathname.split("/");
  const section = first === "api" ? second : first;
  if (!section || !COSTLY_SECTIONS.has(section)) return null;
  const wait = perClient.take(client);
  return wait > 0 ? tooManyRequests(wait, "This client is asking for more AWS-backed pages than the dashboard serves one client.") : null;
}

const PAGE_KINDS: Record<string, string[]> = {
  executions: ["execution", "map-run-execution"],
  "state-machines": ["state-machine", "state-machine-qualified"],
};

function findProblem(pathname: string, params: URLSearchParams): { message: string; expected: string; input: string } | null {
  if (pathname === "/go") {
    const q = params.get("q");
    if (!q) return null;
    const target = resolveQuery(q);
    // A javascript:/data: query is not echoed back, even escaped.
    return target.kind === "invalid" ? { message: target.message, expected: target.expected, input: target.echo ? q : "" } : null;
  }
  if (pathname.startsWith("/alarms/")) return findAlarmLinkProblem(pathname, params);
  const [, section, segment, ...rest] = pathname.split("/");
  const kinds = section ? PAGE_KINDS[section] : undefined;
  if (!kinds || segment === undefined || rest.length > 0) return null;
  let input = segment;
  try {
    input = decodeURIComponent(segment);
    const arn = parseStatesArn(input);
    if (!kinds.includes(arn.kind)) {
      return { message: `That is a ${arn.kind} ARN; this page shows ${section === "executions" ? "executions" : "state machines"}.`, expected: new ArnError("").expected, input };
    }
    return null;
  } catch (error) {
    if (error instanceof ArnError) return { message: error.message, expected: error.expected, input };
    return { message: "The ARN in the link is not valid URL encoding.", expected: new ArnError("").expected, input };
  }
}

function findAlarmLinkProblem(pathname: string, params: URLSearchParams): { message: string; expected: string; input: string } | null {
  try {
    const segments = pathname.slice("/alarms/".length).split("/").map(decodeURIComponent);
    const message = checkAlarmLink(segments, params);
    return message ? { message, expected: ALARM_LINK_EXPECTED, input: pathname } : null;
  } catch {
    return { message: "The alarm name in the link is not valid URL encoding.", expected: ALARM_LINK_EXPECTED, input: pathname };
  }
}

// Everything but Next's static assets: auth must cover pages, APIs and RSC fetches alike.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
