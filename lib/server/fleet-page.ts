import "server-only";
import type { FailureExecutionsPage, FailureSignaturesPage } from "@/lib/domain/failures";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { getFailureExecutions, getFailureSignatures, getSignatureDetail } from "./failures";
import { BadQueryError, parseFailuresQuery, type FailuresQuery } from "./failures-query";
import { getFleetSnapshot } from "./fleet";

const FILTER_KEYS = ["window", "from", "to", "stateMachine", "status", "q"] as const;
/** Signatures on the fleet's first screen (more on demand). */
export const FLEET_SIGNATURES_PER_PAGE = 6;

/** The filters of a page link: only the known keys, first value; the old `error=` filter is a search now. */
export function toFilterParams(searchParams: Record<string, string | string[] | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  for (const key of FILTER_KEYS) {
    const value = first(searchParams[key]);
    if (value) picked[key] = value;
  }
  const legacyError = first(searchParams.error);
  if (legacyError && !picked.q) picked.q = legacyError;
  return picked;
}

/** Everything the fleet page's first paint needs, and the reason when its link's filters were bad (defaults used). */
export async function getFleetPage(searchParams: Record<string, string | string[] | undefined>, nowMs = Date.now()): Promise<{
  snapshot: FleetSnapshot;
  signatures: FailureSignaturesPage;
  executions: FailureExecutionsPage;
  filters: Record<string, string>;
  params: string;
  badFilter: string | null;
}> {
  let filters = toFilterParams(searchParams);
  let query: FailuresQuery;
  let badFilter: string | null = null;
  try {
    query = parseFailuresQuery(filters, nowMs);
  } catch (error) {
    if (!(error instanceof BadQueryError)) throw error;
    badFilter = error.message;
    filters = {};
    query = parseFailuresQuery({}, nowMs);
  }
  const params = new URLSearchParams(filters).toString();
  // The snapshot first: it starts the poller (and waits briefly for its first cycle) that fills the index.
  const snapshot = await getFleetSnapshot();
  const [signatures, executions] = await Promise.all([
    getFailureSignatures({ ...query, group: "signature", limit: FLEET_SIGNATURES_PER_PAGE }),
    getFailureExecutions({ ...query, limit: 25 }),
  ]);
  return { snapshot, signatures, executions, filters, params, badFilter };
}

/** The signature page's first paint: null when the id is malformed or unknown (the page answers 404). */
export async function getSignaturePage(id: string, searchParams: Record<string, string | string[] | undefined>, nowMs = Date.now()) {
  if (!/^[0-9a-f]{16}$/.test(id)) return null;
  let filters = toFilterParams(searchParams);
  let query: FailuresQuery;
  try {
    query = parseFailuresQuery({ ...filters, limit: "25" }, nowMs);
  } catch (error) {
    if (!(error instanceof BadQueryError)) throw error;
    filters = {};
    query = parseFailuresQuery({ limit: "25" }, nowMs);
  }
  await getFleetSnapshot();
  const detail = await getSignatureDetail(id, query);
  if (!detail) return null;
  // The signature page counts in its window only; search and status narrow the fleet list, not a signature.
  const windowOnly = Object.fromEntries(Object.entries(filters).filter(([k]) => k === "window" || k === "from" || k === "to"));
  return { detail, params: new URLSearchParams({ ...windowOnly, limit: "25" }).toString(), filters: windowOnly };
}
