/**
 * The poll lease against a real Postgres: of two replicas only one holds it; the holder's session ending
 * (released, or its connection killed on the server) lets the other take it on its next try.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHolder, PostgresLease } from "./lease";
import { startTestPostgres, type TestPostgres } from "./testing/postgres";

let postgres: TestPostgres;
let url: string;
const leases: PostgresLease[] = [];

function lease(self: string): PostgresLease {
  const l = new PostgresLease({ url, self, queryTimeoutMs: 5_000 });
  leases.push(l);
  return l;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  url = await postgres.createDatabase("lease");
}, 120_000);

afterAll(async () => {
  for (const l of leases) await l.release();
  await postgres?.stop();
}, 60_000);

async function terminateSessionsOf(applicationPrefix: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ ok: boolean }>("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name LIKE $1", [`${applicationPrefix}%`]);
    return rows.filter((r) => r.ok).length;
  } finally {
    await admin.end();
  }
}

describe.sequential("PostgresLease", () => {
  it("lets exactly one of two replicas hold it, and tells the follower who leads", async () => {
    const a = lease("replica-a");
    const b = lease("replica-b");
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    // Holding is stable: neither flips on a later try.
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(a.status()).toMatchObject({ role: "leader", kind: "postgres", holder: { id: "replica-a" }, error: null });
    expect(b.status()).toMatchObject({ role: "follower", holder: { id: "replica-a", sinceMs: a.status().holder!.sinceMs }, error: null });
    await a.release();
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
    expect(a.status().holder?.id).toBe("replica-b");
    await b.release();
  });

  it("passes to the other replica when the holder's connection is dropped on the server", async () => {
    const a = lease("replica-c");
    const b = lease("replica-d");
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    // The holder's session, found by the application_name it set when it took the lock.
    expect(await terminateSessionsOf("sfn-triage poller")).toBe(1);
    expect(await b.hold()).toBe(true);
    // The old holder learns it lost the lease on its next try (its round trip fails), and does not take it back.
    expect(await a.hold()).toBe(false);
    expect(a.status().role).toBe("follower");
    expect(await a.hold()).toBe(false);
    expect(a.status()).toMatchObject({ role: "follower", holder: { id: "replica-d" }, error: null });
    await b.release();
    await a.release();
  });

  it("is held by nobody while the database is unreachable, and says why", async () => {
    const nowhere = new PostgresLease({ url: url.replace(/:\d+\//, ":1/"), self: "replica-e", queryTimeoutMs: 2_000 });
    expect(await nowhere.hold()).toBe(false);
    expect(nowhere.status()).toMatchObject({ role: "follower", lastContactMs: null });
    expect(nowhere.status().error).toMatch(/ECONNREFUSED|connect/);
    await nowhere.release();
  });
});

describe("parseHolder", () => {
  it("reads the holder's id and since-time from its application_name, and nothing from others", () => {
    expect(parseHolder("sfn-triage poller 1764590000000 host-1/4242")).toEqual({ id: "host-1/4242", sinceMs: 1764590000000 });
    expect(parseHolder("psql")).toBeNull();
    expect(parseHolder(null)).toBeNull();
    expect(parseHolder("sfn-triage poller x host")).toBeNull();
  });
});
