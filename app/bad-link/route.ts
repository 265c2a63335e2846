import { renderBadLinkPage } from "@/lib/server/bad-link-page";

export const dynamic = "force-dynamic";

/** Reached through proxy.ts when a link's ARN or query can't be used: HTTP 400 with an explanation. */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const html = renderBadLinkPage({
    message: params.get("message") ?? "The link is malformed.",
    expected: params.get("expected") ?? "",
    query: params.get("q") ?? "",
  });
  return new Response(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
