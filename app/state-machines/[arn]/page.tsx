import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ErrorPanel } from "@/components/common/error-panel";
import { StateMachineView } from "@/components/state-machines/state-machine-view";
import { isAwsFailure } from "@/lib/domain/errors";
import { arnFromSegment, clientMessageFor, publicUrlFrom } from "@/lib/server/http";
import { getStateMachineView } from "@/lib/server/state-machines";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ arn: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `/state-machines/{arn}?from&to`: graph with aggregates, findings, metrics, cost, failing executions. */
export default async function StateMachinePage({ params, searchParams }: Params) {
  const arn = arnFromSegment((await params).arn);
  const query = await searchParams;
  const pick = (key: string) => {
    const v = query[key];
    const s = Array.isArray(v) ? v[0] : v;
    return s && Number.isFinite(Date.parse(s)) ? s : undefined;
  };
  const window = { from: pick("from"), to: pick("to") };
  const publicUrl = publicUrlFrom(await headers());
  const result = await getStateMachineView({ arn, ...window, publicUrl }).then((view) => ({ view }), (error: unknown) => ({ error }));
  if ("view" in result) {
    return (
      <>
        <h1>{result.view.stateMachine.name}</h1>
        <p className="muted" data-testid="state-machine-account">
          {accountLine(result.view.stateMachine.stateMachineArn, result.view.fleet?.accountName ?? null)}
        </p>
        <StateMachineView initial={result.view} window={window} />
      </>
    );
  }
  const { error } = result;
  if (isAwsFailure(error) && error.kind === "not-found") notFound();
  if (isAwsFailure(error)) return <ErrorPanel title="AWS did not answer" message={`${clientMessageFor(error)}`} query={arn} />;
  throw error;
}

/** "Account payments (210987654321) · us-east-1": the ARN carries the account; the name is SFN_TRIAGE_ACCOUNTS's. */
function accountLine(stateMachineArn: string, accountName: string | null): string {
  const [, , , region = "", accountId = ""] = stateMachineArn.split(":");
  return `Account ${accountName && accountName !== accountId ? `${accountName} (${accountId})` : accountId} · ${region}`;
}
