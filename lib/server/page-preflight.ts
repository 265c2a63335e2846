/**
 * Statuses a page can't set itself. An App Router page answers 200 once it streams, and it can only choose 404
 * (notFound()) before that; an AWS-backed page with nothing to show during an outage must answer 503 (or 429),
 * so monitors and people see the failure. proxy.ts asks here before the page renders: the server registers a
 * check per section (lib/server/state-machines.ts), the check loads the page's data through the same shared cache
 * the page then reads, and answers only when the page would have nothing to render.
 *
 * No import of `server-only` and nothing heavy: the proxy bundle loads this file. The checks live on globalThis
 * because the proxy, the pages and instrumentation are separate bundles of one process.
 */

/** A status page the proxy answers with instead of rendering the page. */
export interface PreflightAnswer {
  status: number;
  html: string;
  retryAfterSeconds?: number;
}

/** A section's check: null lets the page render (it has data, stale or fresh, or answers 404 itself). */
export type PagePreflight = (request: { segments: string[]; searchParams: URLSearchParams; headers: Headers }) => Promise<PreflightAnswer | null>;

const holder = globalThis as typeof globalThis & { __sfnTriagePagePreflights?: Map<string, PagePreflight> };
const checks = (holder.__sfnTriagePagePreflights ??= new Map());

/** Registers the check of a top-level section (`state-machines` for /state-machines/{arn}). */
export function registerPagePreflight(section: string, check: PagePreflight): void {
  checks.set(section, check);
}

/**
 * The status answer for a page request, or null to render the page. Only whole-document GETs: a client-side
 * navigation (an RSC request) renders the page's own error panel, and its status is not what anyone reads.
 */
export async function preflightPage(request: { method: string; pathname: string; searchParams: URLSearchParams; headers: Headers }): Promise<Response | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.headers.has("rsc") || request.headers.has("next-router-prefetch")) return null;
  const [, section, ...segments] = request.pathname.split("/");
  const check = section ? checks.get(section) : undefined;
  if (!check) return null;
  const answer = await check({ segments, searchParams: request.searchParams, headers: request.headers });
  if (!answer) return null;
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
  if (answer.retryAfterSeconds) headers["retry-after"] = String(answer.retryAfterSeconds);
  return new Response(request.method === "HEAD" ? null : answer.html, { status: answer.status, headers });
}
