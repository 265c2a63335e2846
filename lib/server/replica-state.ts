import "server-only";
import type { FleetStateMachine } from "@/lib/domain/fleet";
import { emptyFleetState, type FleetState } from "./fleet-snapshot";
import type { FailureStore } from "./store/failure-store";
import { PostgresLease, soleLease, type PollLease } from "./store/lease";
import type { StoreLocation } from "./store/open";

/**
 * What the leader publishes for the followers: the part of FleetState that only its poller knows (the rest,
 * the failures, their counts and the index's progress, every replica reads from the shared index itself).
 * Definitions are left out (the followers show findings, they don't summarise failures); a follower that takes
 * over describes them again.
 */
export type PublishedState = Pick<
  FleetState,
  "regions" | "accounts" | "accountErrors" | "stateMachines" | "alarms" | "p99ByArn" | "failureSeriesByArn" | "running" | "runningFirstSeen" | "updatedAt" | "lastAttemptAt" | "error"
> & { findingsByArn: Map<string, { at: number; findings: FleetStateMachine["findings"] }> };

/** The leader's last publication as a follower reads it. */
export interface Publication {
  state: PublishedState;
  holder: string;
  publishedMs: number;
}

/** How one replica coordinates with the others: the lease, and the state the leader shares. */
export interface Replication {
  lease: PollLease;
  /** Writes the leader's state (after each of its cycles). */
  publish(state: FleetState, nowMs: number): Promise<void>;
  /** The leader's last publication (null: none yet). */
  read(): Promise<Publication | null>;
}

const ROW_ID = "fleet";
const STALE_PUBLICATION_INTERVALS = 2;
const MAP_TAG = "__map";

/** JSON of the published part of the state (Maps as tagged entry lists; definitions dropped). */
export function toPublishedJson(state: FleetState): string {
  const published: PublishedState = {
    regions: state.regions,
    accounts: state.accounts,
    accountErrors: state.accountErrors,
    stateMachines: state.stateMachines,
    alarms: state.alarms,
    p99ByArn: state.p99ByArn,
    failureSeriesByArn: state.failureSeriesByArn,
    findingsByArn: new Map([...state.findingsByArn].map(([arn, f]) => [arn, { at: f.at, findings: f.findings }])),
    running: state.running,
    runningFirstSeen: state.runningFirstSeen,
    updatedAt: state.updatedAt,
    lastAttemptAt: state.lastAttemptAt,
    error: state.error,
  };
  return JSON.stringify(published, (_key, value) => (value instanceof Map ? { [MAP_TAG]: [...value] } : value));
}

/** The published state back from its JSON. */
export function fromPublishedJson(json: string): PublishedState {
  return JSON.parse(json, (_key, value) => (value && typeof value === "object" && Array.isArray(value[MAP_TAG]) ? new Map(value[MAP_TAG]) : value)) as PublishedState;
}

/** SQLite (one process): always the leader, and nobody to publish for. */
export function soleReplication(): Replication {
  return { lease: soleLease(), publish: async () => {}, read: async () => null };
}

/** With Postgres, the lease is an advisory lock and the state is shared through the index's database. */
export function replicationFor(location: StoreLocation, store: Promise<FailureStore>): Replication {
  if (location.backend !== "postgres") return soleReplication();
  const lease = new PostgresLease({ url: location.url });
  return {
    lease,
    async publish(state, nowMs) {
      const row = { id: ROW_ID, holder: lease.status().self, published_ms: nowMs, state_json: toPublishedJson(state) };
      await (await store).db
        .insertInto("replica_state")
        .values(row)
        .onConflict((oc) => oc.column("id").doUpdateSet({ holder: row.holder, published_ms: row.published_ms, state_json: row.state_json }))
        .execute();
    },
    async read() {
      const row = await (await store).db.selectFrom("replica_state").selectAll().where("id", "=", ROW_ID).executeTakeFirst();
      return row ? { state: fromPublishedJson(row.state_json), holder: row.holder, publishedMs: Number(row.published_ms) } : null;
    },
  };
}


/**
 * A follower's cycle: the leader's last publication, and the failures, counts and progress read from the shared
 * index by this replica. No AWS call. Never throws: an unreadable database keeps the previous view, marked.
 */
export async function followLeader(
  replication: Replication,
  previous: FleetState | null,
  regions: string[],
  readIndex: (into: FleetState) => Promise<void>,
  opts: { nowMs: number; pollIntervalMs: number },
): Promise<FleetState> {
  const { nowMs } = opts;
  try {
    const publication = await replication.read();
    const view = emptyFleetState(regions, []);
    if (publication) {
      const { state } = publication;
      Object.assign(view, {
        // Publications from before accounts were published carry none: the fleet then shows no account line.
        accounts: state.accounts ?? [],
        accountErrors: state.accountErrors ?? new Map(),
        stateMachines: state.stateMachines,
        alarms: state.alarms,
        p99ByArn: state.p99ByArn,
        failureSeriesByArn: state.failureSeriesByArn,
        // A follower never summarises failures, so it needs no definition text.
        findingsByArn: new Map([...state.findingsByArn].map(([arn, f]) => [arn, { ...f, definition: "" }])),
        running: state.running,
        runningFirstSeen: state.runningFirstSeen,
        updatedAt: state.updatedAt,
        lastAttemptAt: state.lastAttemptAt,
        error: state.error,
      } satisfies Partial<FleetState>);
      // The leader publishes every interval: a publication older than two says its poller is stuck or gone
      // (and nobody has taken over yet), which the leader's own "overdue" cannot tell a follower.
      const ageMs = nowMs - publication.publishedMs;
      if (view.error === null && ageMs > STALE_PUBLICATION_INTERVALS * opts.pollIntervalMs) {
        view.error = { kind: "overdue", message: `The polling replica (${publication.holder}) last reported ${Math.round(ageMs / 1000)} s ago. This is what it last saw.`, at: new Date(nowMs).toISOString() };
      }
    }
    await readIndex(view);
    return view;
  } catch (error) {
    const view = previous ?? emptyFleetState(regions, []);
    const message = error instanceof Error ? error.message : String(error);
    view.error = { kind: "unknown", message: `This replica could not read the shared index: ${message}`, at: new Date(nowMs).toISOString() };
    return view;
  }
}

/**
 * A follower that takes the lease starts from the leader's last publication when it is newer than its own state:
 * above all the RUNNING executions, which tell the first cycle how far below indexed executions a late closer
 * may hide. Definitions are not carried over: the first cycle describes them again.
 */
export function takeOver(state: FleetState, view: FleetState): void {
  if (view.updatedAt === null || (state.updatedAt !== null && state.updatedAt >= view.updatedAt)) return;
  state.stateMachines = view.stateMachines;
  state.alarms = view.alarms;
  state.p99ByArn = new Map(view.p99ByArn);
  state.failureSeriesByArn = new Map(view.failureSeriesByArn);
  state.running = new Map(view.running);
  state.runningFirstSeen = new Map(view.runningFirstSeen);
}
