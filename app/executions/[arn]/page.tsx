import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ErrorPanel } from "@/components/common/error-panel";
import { ExecutionView } from "@/components/executions/execution-view";
import { isAwsFailure } from "@/lib/domain/errors";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { executionQuery } from "@/lib/queries/options";
import { triageService } from "@/lib/server/executions";
import { arnFromSegment, clientMessageFor } from "@/lib/server/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ arn: string }> };

// One triage per request, shared by the metadata and the page.
const loadTriage = cache(async (arn: string): Promise<{ triage: ExecutionTriage } | { error: unknown }> =>
  triageService()
    .getTriage(arn)
    .then((triage) => ({ triage }), (error: unknown) => ({ error })),
);

/** `<title>`: the execution and its status, so a tab (and the browser history) says which one it is. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const arn = arnFromSegment((await params).arn);
  const result = await loadTriage(arn);
  if (!("triage" in result)) return { title: "Execution" };
  const { execution } = result.triage;
  return { title: `${execution.name} · ${execution.status}` };
}

/** `/executions/{arn}`: the triage page. proxy.ts has already turned malformed ARNs into a 400. */
export default async function ExecutionPage({ params }: Params) {
  const arn = arnFromSegment((await params).arn);
  const result = await loadTriage(arn);
  if ("triage" in result) {
    // Prefetched through the very queryOptions the browser refreshes with: one key, server and client.
    const client = new QueryClient();
    await client.prefetchQuery({ ...executionQuery(arn), queryFn: async () => result.triage });
    return (
      <HydrationBoundary state={dehydrate(client)}>
        <ExecutionView executionArn={arn} />
      </HydrationBoundary>
    );
  }
  const { error } = result;
  if (isAwsFailure(error) && error.kind === "not-found") notFound();
  if (isAwsFailure(error)) {
    return <ErrorPanel title="AWS did not answer" message={`${clientMessageFor(error)} Nothing is cached for this execution yet; try again in a few seconds.`} query={arn} />;
  }
  throw error;
}
