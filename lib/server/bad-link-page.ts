/**
 * The 400 page for a malformed link, as a whole HTML document. proxy.ts rewrites bad links to a route
 * handler that returns it, because an App Router page can't answer 400 and a broken runbook link must
 * not look like a working page. Every piece of input is escaped: it is shown as text, never as markup.
 */
export function renderBadLinkPage(input: { message: string; expected: string; query: string }): string {
  const text = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const query = input.query.length > 300 ? `${input.query.slice(0, 300)}…` : input.query;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bad link · sfn-triage</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#16191f;background:#fff}header{padding:10px 24px;border-bottom:1px solid #d5dbdb;background:#f7f8f8}
main{padding:16px 24px;max-width:760px}code{font-family:ui-monospace,monospace;overflow-wrap:anywhere}input{padding:6px 8px;width:60%}
a{color:#0a64c2}header a{font-weight:700;color:inherit;text-decoration:none}input,button{padding:6px 8px;border:1px solid #d5dbdb;border-radius:4px;background:inherit;color:inherit;font:inherit}
@media (prefers-color-scheme:dark){body{color:#e6e9ec;background:#0f1419}header{background:#18212a;border-color:#2f3a45}a{color:#5aa9f0}input,button{border-color:#2f3a45}}</style></head>
<body><header><a href="/">sfn-triage</a></header>
<main><section role="alert" aria-labelledby="t"><h1 id="t">This link doesn't point at a Step Functions resource</h1>
<p>${text(input.message)}</p>
${query ? `<p>You gave: <code>${text(query)}</code></p>` : ""}
<p>Expected: <code>${text(input.expected)}</code></p></section>
<form action="/go" method="get" role="search" aria-label="Search again"><label>Try again: <input name="q" placeholder="arn:aws:states:…"></label> <button type="submit">Go</button></form>
</main></body></html>`;
}
