import { notFound, redirect } from "next/navigation";
import { ErrorPanel } from "@/components/common/error-panel";
import { resolveGo } from "@/lib/server/go";

export const dynamic = "force-dynamic";

/** `/go?q=…`: an ARN, console link, alarm name or alarm JSON lands on the right page. */
export default async function GoPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q;
  const q = Array.isArray(raw) ? raw[0] : raw;
  if (!q) {
    return <ErrorPanel title="What are you looking for?" message="Paste a Step Functions ARN, an AWS console link, an alarm name or a CloudWatch alarm notification (JSON) in the box above." />;
  }
  const result = await resolveGo(q);
  if ("location" in result) redirect(result.location);
  // A real 404 (app/go/not-found.tsx names the query): the page hasn't streamed yet, so notFound() sets the status.
  if (result.status === 404) notFound();
  return <ErrorPanel title="That doesn't lead anywhere" message={result.message} expected={result.expected} query={result.echo === false ? undefined : q} />;
}
