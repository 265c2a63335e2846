import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { FailureExecutionsPage, FailureSignaturesPage, SignatureDetail } from "@/lib/domain/failures";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import type { ExecutionTriage } from "@/lib/domain/triage";
import type { StateMachineView } from "@/lib/domain/state-machine-view";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

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
