import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlarmView } from "@/components/alarms/alarm-view";
import { ErrorPanel } from "@/components/common/error-panel";
import { isAwsFailure } from "@/lib/domain/errors";
import { clientMessageFor } from "@/lib/server/http";
import { readAlarmSegment } from "@/lib/server/alarm-link";
import { AlarmNotFoundError, getAlarmView } from "@/lib/server/alarm-view";
import { alarmViewQuery } from "@/lib/queries/options";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ region: string; name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `<title>`: the alarm, so a tab left open says which one. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: `Alarm ${readAlarmSegment(name)}` };
}

/** `/alarms/{region}/{name}?at&from&to`: the executions that tripped the alarm first. proxy.ts has already refused malformed links (400). */
export default async function AlarmPage({ params, searchParams }: Params) {
  const { region, name } = await params;
  const alarmName = readAlarmSegment(name);
  const query = await searchParams;
  const link = { at: one(query.at), from: one(query.from), to: one(query.to) };
  const result = await getAlarmView({ region, alarmName, ...link }).then((view) => ({ view }), (error: unknown) => ({ error }));
  if ("view" in result) {
    // Prefetched under the very key the client's alarmViewQuery uses: server and browser can't disagree on it.
    const client = new QueryClient();
    client.setQueryData(alarmViewQuery(region, alarmName, link).queryKey, result.view);
    return (
      <HydrationBoundary state={dehydrate(client)}>
        <AlarmView region={region} alarmName={alarmName} link={link} />
      </HydrationBoundary>
    );
  }
  const { error } = result;
  if (error instanceof AlarmNotFoundError) notFound();
  if (isAwsFailure(error)) return <ErrorPanel title="AWS did not answer" message={`${clientMessageFor(error)} Try again in a few seconds.`} query={alarmName} />;
  throw error;
}
