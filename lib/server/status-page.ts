/**
 * A status page (503, 429…) as a whole HTML document, for lib/server/page-preflight.ts: the proxy answers with
 * it before any page renders, so it can't use the app's layout. Same header, search box and colour tokens as the
 * app (light and dark). Every piece of input is escaped: shown as text, never as markup.
 */
export interface StatusPage {
  title: string;
  /** What happened, in our words (clientMessageFor), never AWS's text. */
  message: string;
  /** What the dashboard still shows. */
  still: string;
  /** What to do next. */
  todo: string;
  links: { href: string; label: string; external?: boolean }[];
}

const text = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML of a status page. */
export function renderStatusPage(page: StatusPage): string {
  const links = page.links
    .map((l) => `<li><a href="${text(l.href)}"${l.external ? ' target="_blank" rel="noreferrer noopener"' : ""}>${text(l.label)}${l.external ? ' <span aria-hidden="true">↗</span>' : ""}</a></li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${text(page.title)} · sfn-triage</title><link rel="icon" href="/favicon.ico" sizes="32x32">
<style>:root{--bg:#fff;--fg:#16191f;--muted:#5f6b7a;--border:#d5dbdb;--panel:#f7f8f8;--accent:#0a64c2;--failed:#c0221b}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e6e9ec;--muted:#98a2ad;--border:#2f3a45;--panel:#18212a;--accent:#5aa9f0;--failed:#ff6b61}}
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:var(--fg);background:var(--bg)}a{color:var(--accent)}
header{display:flex;gap:16px;align-items:center;padding:10px 24px;border-bottom:1px solid var(--border);background:var(--panel)}header a{font-weight:700;color:var(--fg);text-decoration:none}
main{padding:16px 24px}section{border:1px solid var(--border);border-left:4px solid var(--failed);border-radius:6px;background:var(--panel);padding:12px 16px;max-width:860px}
h1{margin:0 0 8px;font-size:20px}p{margin:6px 0;overflow-wrap:anywhere}b{font-weight:600}ul{display:flex;flex-wrap:wrap;gap:8px 16px;padding:0;margin:8px 0;list-style:none}
form{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:12px}input{flex:1 1 120px;min-width:0;padding:6px 8px;border:1px solid var(--border);border-radius:4px;background:var(--bg);color:var(--fg)}
button{padding:6px 12px;border:1px solid var(--border);border-radius:4px;background:var(--bg);color:var(--fg);font:inherit}</style></head>
<body><header><a href="/">sfn-triage</a></header>
<main><section role="alert" aria-labelledby="t" data-testid="error-panel"><h1 id="t">${text(page.title)}</h1>
<p>${text(page.message)}</p>
<p><b>Still shown: </b>${text(page.still)}</p>
<p><b>What to do: </b>${text(page.todo)}</p>
<ul aria-label="Where to go from here">${links}</ul>
<form action="/go" method="get" role="search" aria-label="Search again"><label for="q">Try again:</label><input id="q" name="q" placeholder="arn:aws:states:…, a console link or an alarm name" autocomplete="off"><button type="submit">Go</button></form></section>
</main></body></html>`;
}

/** Seconds a reader should wait after a 503 before reloading: a poll interval or so. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

/** The 429 or 503 a page answers when AWS failed it and nothing is cached: the status, the page and its Retry-After. */
export function awsFailurePage(input: {
  kind: string;
  message: string;
  throttledRetryAfterSeconds: number;
  still: string;
  reload: string;
  links: StatusPage["links"];
}): { status: number; html: string; retryAfterSeconds: number } {
  const throttled = input.kind === "throttled";
  const retryAfterSeconds = throttled ? input.throttledRetryAfterSeconds : UNAVAILABLE_RETRY_AFTER_SECONDS;
  const html = renderStatusPage({
    title: throttled ? "AWS is throttling the dashboard" : "AWS did not answer",
    message: input.message,
    still: input.still,
    todo: `Reload this page in ${retryAfterSeconds} s (the dashboard retries AWS on its own). The AWS console may answer meanwhile.`,
    links: [{ href: input.reload, label: "Reload this page" }, ...input.links],
  });
  return { status: throttled ? 429 : 503, html, retryAfterSeconds };
}
