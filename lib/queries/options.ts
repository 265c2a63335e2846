import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { FailureExecutionsPage, FailureSignaturesPage, SignatureDetail } from "@/lib/domain/failures";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import type { EventPage, EventQuery, ExecutionTriage } from "@/lib/domain/triage";
import type { StateMachineView } from "@/lib/domain/state-machine-view";
import type { AlarmView } from "@/lib/domain/alarm-view";
import { fetchJson } from "./fetch-json";
import { queryKeys, type AlarmLink } from "./keys";

// The browser asks often; the server answers from its snapshot, so this costs AWS nothing.
const FLEET_REFRESH_MS = 5_000;

/** The fleet snapshot: shared by the server's first paint and the client's live refresh. */
export function fleetQuery() {
  return queryOptions({
    queryKey: queryKeys.fleet(),
    queryFn: () => fetchJson<FleetSnapshot>("/api/fleet"),
    refetchInterval: FLEET_REFRESH_MS,
  });
}

// The index changes as the poller writes; the page refreshes on the poll's own rhythm.
const FAILURES_REFRESH_MS = 10_000;

function withCursor(params: string, cursor: string | null): string {
  const query = new URLSearchParams(params);
  if (cursor) query.set("cursor", cursor);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** Signatures of a window, a page at a time (`params`: the /api/failures query, group=signature included). */
export function failureSignaturesQuery(params: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.failures(params),
    queryFn: ({ pageParam }) => fetchJson<FailureSignaturesPage>(`/api/failures${withCursor(params, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: FAILURES_REFRESH_MS,
  });
}

/** Failing executions of a window, newest first, a page at a time. */
export function failureExecutionsQuery(params: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.failures(params),
    queryFn: ({ pageParam }) => fetchJson<FailureExecutionsPage>(`/api/failures${withCursor(params, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: FAILURES_REFRESH_MS,
  });
}

/** One signature, its executions a page at a time. */
export function signatureQuery(id: string, params: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.signature(id, params),
    queryFn: ({ pageParam }) => fetchJson<SignatureDetail>(`/api/failures/signatures/${encodeURIComponent(id)}${withCursor(params, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.executions.nextCursor,
    refetchInterval: FAILURES_REFRESH_MS,
  });
}

/** One execution's triage; refreshed while its history is loading or it is still running. */
export function executionQuery(arn: string) {
  return queryOptions({
    queryKey: queryKeys.execution(arn),
    queryFn: () => fetchJson<ExecutionTriage>(`/api/executions/${encodeURIComponent(arn)}`),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      if (!data.history.complete && !data.history.error) return 1_000;
      return data.execution.status === "RUNNING" ? 5_000 : false;
    },
  });
}

/** The state machine page's data for a window. */
export function stateMachineQuery(arn: string, window: { from?: string; to?: string }) {
  const params = new URLSearchParams();
  if (window.from) params.set("from", window.from);
  if (window.to) params.set("to", window.to);
  const query = params.toString();
  return queryOptions({
    queryKey: queryKeys.stateMachine(arn, window),
    queryFn: () => fetchJson<StateMachineView>(`/api/state-machines/${encodeURIComponent(arn)}${query ? `?${query}` : ""}`),
    refetchInterval: 30_000,
  });
}

/** The URL of one page of the event view. */
export function eventsUrl(arn: string, query: EventQuery): string {
  const params = new URLSearchParams();
  if (query.before !== undefined) params.set("before", String(query.before));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (query.state) params.set("state", query.state);
  if (query.kind) params.set("kind", query.kind);
  if (query.q) params.set("q", query.q);
  const search = params.toString();
  return `/api/executions/${encodeURIComponent(arn)}/events${search ? `?${search}` : ""}`;
}

/** One page of an execution's events; polled while the history is (re)loading. */
export function executionEventsQuery(arn: string, query: EventQuery) {
  return queryOptions({
    queryKey: queryKeys.executionEvents(arn, query),
    queryFn: () => fetchJson<EventPage>(eventsUrl(arn, query)),
    refetchInterval: (q) => (q.state.data && !q.state.data.complete ? 1_000 : false),
    staleTime: 5_000,
  });
}

/** One payload's text, fetched only when someone asks to see it. */
export function payloadQuery(arn: string, eventId: number, field: string) {
  return queryOptions({
    queryKey: queryKeys.payload(arn, eventId, field),
    queryFn: () => fetchJson<{ text: string; bytes: number }>(`/api/executions/${encodeURIComponent(arn)}/payload?eventId=${eventId}&field=${encodeURIComponent(field)}`),
    staleTime: Infinity,
  });
}

/** The alarm view for one link; refreshed slowly (closed executions don't change, new ones may arrive). */
export function alarmViewQuery(region: string, alarmName: string, link: AlarmLink) {
  const params = new URLSearchParams();
  for (const key of ["at", "from", "to"] as const) if (link[key]) params.set(key, link[key]);
  const query = params.toString();
  return queryOptions({
    queryKey: queryKeys.alarmView(region, alarmName, link),
    queryFn: () => fetchJson<AlarmView>(`/api/alarms/${region}/${encodeURIComponent(alarmName)}${query ? `?${query}` : ""}`),
    refetchInterval: 30_000,
  });
}
