import { ErrorPanel } from "@/components/common/error-panel";

export const dynamic = "force-dynamic";

/** Reached through proxy.ts (HTTP 400) when a link's ARN or query can't be used. */
export default async function BadLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { message, expected, q } = await searchParams;
  return <ErrorPanel title="This link doesn't point at a Step Functions resource" message={message ?? "The link is malformed."} expected={expected} query={q} />;
}
