import "server-only";
import { hostname } from "node:os";
import type { Client } from "pg";

/** Who polls in this process: the leader polls AWS, a follower reads what the leader wrote. */
export type ReplicaRole = "leader" | "follower";

/** What the lease knows right now (for /api/health and the logs). */
export interface LeaseStatus {
  role: ReplicaRole;
  /** "sole" with SQLite (one process, always the leader); "postgres" with DATABASE_URL. */
  kind: "sole" | "postgres";
  /** This process's id in the lease (host/pid). */
  self: string;
  /** The holder as last seen: this process when leading; another replica's id when following (null: unknown or none). */
  holder: { id: string; sinceMs: number } | null;
  /** Last time the database answered the lease (null: never). */
  lastContactMs: number | null;
  /** Why the last attempt failed (the database unreachable, the connection dropped), or null. */
  error: string | null;
}

/** The poll lease: exactly one process of the deployment holds it at a time. */
export interface PollLease {
  /** Takes the lease when it is free, or checks it is still held; true while this process leads. Never throws. */
  hold(): Promise<boolean>;
  status(): LeaseStatus;
  /** Gives the lease up (closing its connection) so another replica takes over at once. */
  release(): Promise<void>;
}

function selfId(): string {
  return `${hostname().slice(0, 24)}/${process.pid}`;
}

/** SQLite: the index is one process's file, so that process always leads. */
export function soleLease(now: () => number = () => Date.now()): PollLease {
  const self = selfId();
  const since = now();
  return {
    hold: async () => true,
    status: () => ({ role: "leader", kind: "sole", self, holder: { id: self, sinceMs: since }, lastContactMs: null, error: null }),
    release: async () => {},
  };
}

// pg_try_advisory_lock(int4, int4): one lock per database (the index's), the first key naming the app.
// In pg_locks it shows as classid = LOCK_APP, objid = LOCK_POLLER, objsubid = 2 (the two-key form).
const LOCK_APP = 0x5f4e_7472; // "_Ntr": any constant works; it only has to be the same in every replica
const LOCK_POLLER = 1;
// application_name is cut at 63 bytes; the holder's id and since-time fit in it, so a follower can say who leads.
const APP_PREFIX = "sfn-triage poller ";

/** Options of the Postgres lease (tests shorten the timeouts). */
export interface PostgresLeaseOptions {
  url: string;
  now?: () => number;
  /** One lease query's deadline: a hung connection counts as lost (default 5000). */
  queryTimeoutMs?: number;
  /** This process's id (default host/pid). */
  self?: string;
}

/** Parses "sfn-triage poller <sinceMs> <id>" (what the holder sets as its application_name). */
export function parseHolder(applicationName: string | null | undefined): { id: string; sinceMs: number } | null {
  if (!applicationName?.startsWith(APP_PREFIX)) return null;
  const [since, ...id] = applicationName.slice(APP_PREFIX.length).split(" ");
  const sinceMs = Number(since);
  return Number.isFinite(sinceMs) && id.length > 0 ? { id: id.join(" "), sinceMs } : null;
}

/**
 * A session-level advisory lock on a dedicated connection. Postgres releases it when that session ends (the
 * process killed, the connection dropped or timed out by TCP keepalives), and a follower's next try takes it.
 * A held lock needs no renewal, only a live session: every hold() by the leader is a round trip on it, and a
 * failed one (error, timeout) means the lease is gone — the leader stops at once and drops the connection,
 * so its session (and the lock) ends on the server too.
 */
export class PostgresLease implements PollLease {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private heldSinceMs: number | null = null;
  private holder: LeaseStatus["holder"] = null;
  private lastContactMs: number | null = null;
  private error: string | null = null;
  private readonly now: () => number;
  private readonly self: string;

  constructor(private readonly options: PostgresLeaseOptions) {
    this.now = options.now ?? (() => Date.now());
    this.self = options.self ?? selfId();
  }

  status(): LeaseStatus {
    const leading = this.heldSinceMs !== null;
    return {
      role: leading ? "leader" : "follower",
      kind: "postgres",
      self: this.self,
      holder: leading ? { id: this.self, sinceMs: this.heldSinceMs! } : this.holder,
      lastContactMs: this.lastContactMs,
      error: this.error,
    };
  }

  async hold(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.heldSinceMs !== null) {
        // The session is alive, so the session-level lock is still ours.
        await client.query("SELECT 1");
      } else {
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_APP, LOCK_POLLER]);
        if (rows[0]?.ok) {
          const since = this.now();
          await client.query("SELECT set_config('application_name', $1, false)", [`${APP_PREFIX}${since} ${this.self}`.slice(0, 63)]);
          this.heldSinceMs = since;
        } else {
          this.holder = await this.readHolder(client);
        }
      }
      this.lastContactMs = this.now();
      this.error = null;
      return this.heldSinceMs !== null;
    } catch (error) {
      this.lost(error);
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.heldSinceMs = null;
    // Ending the session releases the lock on the server; no unlock round trip needed.
    await client?.end().catch(() => undefined);
  }

  private async readHolder(client: Client): Promise<LeaseStatus["holder"]> {
    const { rows } = await client.query<{ application_name: string | null }>(
      `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2 AND l.granted`,
      [LOCK_APP, LOCK_POLLER],
    );
    return parseHolder(rows[0]?.application_name);
  }

  /** The connection is gone or unusable: this process no longer leads; the next hold() reconnects. */
  private lost(error: unknown) {
    this.error = error instanceof Error ? error.message : String(error);
    const client = this.client;
    this.client = null;
    this.heldSinceMs = null;
    client?.end().catch(() => undefined);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    const pg = await import("pg");
    const { Client: PgClient } = pg.default ?? pg;
    const timeout = this.options.queryTimeoutMs ?? 5_000;
    const client = new PgClient({
      connectionString: this.options.url,
      application_name: "sfn-triage replica",
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
    });
    // A dropped connection is the lease lost, never a crash.
    client.on("error", (error) => {
      if (this.client === client) this.lost(error);
    });
    client.on("end", () => {
      if (this.client === client) this.lost(new Error("the lease connection ended"));
    });
    try {
      await client.connect();
      // The server side notices a vanished client (a partition, not a clean close) by TCP keepalive: within
      // about 10 + 3 × 5 s rather than the kernel's two hours, so the lock is freed for a follower.
      await client.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }
}
