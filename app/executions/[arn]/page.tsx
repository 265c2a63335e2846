import { notFound } from "next/navigation";
import { ErrorPanel } from "@/components/common/error-panel";
import { ExecutionView } from "@/components/executions/execution-view";
import { isAwsFailure } from "@/lib/domain/errors";
import { triageService } from "@/lib/server/executions";
import { arnFromSegment, clientMessageFor } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** `/executions/{arn}`: the triage page. proxy.ts has already turned malformed ARNs into a 400. */
export default async function ExecutionPage({ params }: { params: Promise<{ arn: string }> }) {
  const arn = arnFromSegment((await params).arn);
  const result = await triageService()
    .getTriage(arn)
    .then((triage) => ({ triage }), (error: unknown) => ({ error }));
  if ("triage" in result) return <ExecutionView initial={result.triage} />;
  const { error } = result;
  if (isAwsFailure(error) && error.kind === "not-found") notFound();
  if (isAwsFailure(error)) {
    return <ErrorPanel title="AWS did not answer" message={`${clientMessageFor(error)} Nothing is cached for this execution yet; try again in a few seconds.`} query={arn} />;
  }
  throw error;
}
