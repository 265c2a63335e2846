import "server-only";
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { buildSignatureId, toSignatureParts } from "@/lib/analysis/fleet/signature";
import type { IndexedFailure, IndexedStatus, IndexStatus } from "@/lib/domain/failures";
import { decodeCursor, encodeCursor } from "./cursor";
import { openIndexDatabase, type StoreLocation } from "./open";
import { keyOf, rowBytes, toFailureRow, toIndexedFailure, type FailureDetails, type FailureKey, type ListedFailure } from "./rows";
import type { FailuresTable, IndexDatabase, SignaturesTable } from "./schema";
import { applyRetention, type Retention, type RetentionResult } from "./retention";

/** Filters every read of the index takes (the window is [fromMs, toMs] on the stop time). */
export interface FailureFilter {
  fromMs: number;
  toMs: number;
  /** A state machine ARN or name. */
  stateMachine?: string;
  status?: IndexedStatus;
  /** Searches origin error, final error, cause, state and execution name (case-insensitive, substring). */
  q?: string;
  signatureId?: string;
}

/** One signature's aggregate in a window (before the server adds alarms). */
export interface SignatureRow {
  signatureId: string;
  stateMachineArn: string;
  stateMachineName: string;
  region: string;
  originPath: string | null;
  originError: string | null;
  normalisedCause: string;
  sampleCause: string | null;
  statuses: IndexedStatus[];
  count: number;
  firstAtMs: number;
  firstExecutionArn: string;
  lastAtMs: number;
  newestExecutionArn: string;
  /** Hour number (epoch ms / 3,600,000) → count, inside the window. */
  hourly: Map<number, number>;
}

/** A page of a newest-first list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Thrown for a cursor that is not one of ours (the route answers 400). */
export class BadCursorError extends Error {}

const HOUR_MS = 3_600_000;
// How long one index status answer is reused (see indexStatus).
const STATUS_TTL_MS = 1_000;
// Rows per INSERT: 23 columns × 400 stays under SQLite's 32,766 bound variables.
const INSERT_CHUNK = 400;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The failure index: every failed, timed-out and aborted execution the dashboard learns of, its signature,
 * and closed executions' reports. One set of Kysely queries runs on SQLite and Postgres alike.
 */
export class FailureStore {
  private constructor(
    readonly db: Kysely<IndexDatabase>,
    readonly backend: StoreLocation["backend"],
    readonly retention: Retention,
  ) {}

  /** Opens (and migrates) the index at `location`. */
  static async open(location: StoreLocation, retention: Retention): Promise<FailureStore> {
    return new FailureStore(await openIndexDatabase(location), location.backend, retention);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- writes (idempotent: keyed by execution ARN and redrive count) ----

  /** Records listed failures; rows already there keep their first-seen time and details. Returns how many were new. */
  async recordListed(listed: readonly ListedFailure[], nowMs: number): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < listed.length; i += INSERT_CHUNK) {
      const rows = listed.slice(i, i + INSERT_CHUNK).map((l) => toFailureRow(l, nowMs));
      const result = await this.db
        .insertInto("failures")
        .values(rows)
        .onConflict((oc) => oc.columns(["execution_arn", "redrive_count"]).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  /** Which of these keys the index already holds. */
  async knownKeys(keys: readonly FailureKey[]): Promise<Set<string>> {
    const known = new Set<string>();
    const arns = [...new Set(keys.map((k) => k.executionArn))];
    for (let i = 0; i < arns.length; i += INSERT_CHUNK) {
      const rows = await this.db
        .selectFrom("failures")
        .select(["execution_arn", "redrive_count"])
        .where("execution_arn", "in", arns.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const r of rows) known.add(keyOf({ executionArn: r.execution_arn, redriveCount: Number(r.redrive_count) }));
    }
    return known;
  }

  /** Failures whose details are still to be read, newest first. */
  async pendingDetails(limit: number, stateMachineArns?: readonly string[]): Promise<IndexedFailure[]> {
    // Per poll target (an account and region): one account's backlog never hides another's.
    if (stateMachineArns?.length === 0) return [];
    const rows = await this.db
      .selectFrom("failures")
      .selectAll()
      .where("summarised", "=", 0)
      .$if(stateMachineArns !== undefined, (qb) => qb.where("state_machine_arn", "in", stateMachineArns!))
      .orderBy("stop_ms", "desc")
      .limit(limit)
      .execute();
    return rows.map(toIndexedFailure);
  }

  /** Records a failure's details and its signature (details of an unreadable history: all null). */
  async recordDetails(key: FailureKey, details: FailureDetails): Promise<void> {
    await this.recordDetailsMany([{ key, details }]);
  }

  /** Records many failures' details and their signatures in one transaction (the poller writes a batch per cycle). */
  async recordDetailsMany(items: readonly { key: FailureKey; details: FailureDetails }[]): Promise<void> {
    for (let i = 0; i < items.length; i += INSERT_CHUNK) await this.recordDetailsChunk(items.slice(i, i + INSERT_CHUNK));
  }

  private async recordDetailsChunk(items: readonly { key: FailureKey; details: FailureDetails }[]): Promise<void> {
    if (items.length === 0) return;
    const found = await this.db.selectFrom("failures").selectAll().where("execution_arn", "in", [...new Set(items.map((i) => i.key.executionArn))]).execute();
    const rows = new Map(found.map((r) => [keyOf({ executionArn: r.execution_arn, redriveCount: Number(r.redrive_count) }), r]));
    const signatures = new Map<string, SignaturesTable>();
    const updates: FailuresTable[] = [];
    for (const { key, details } of items) {
      const row = rows.get(keyOf(key));
      if (!row) continue;
      const parts = toSignatureParts({ stateMachineArn: row.state_machine_arn, originPath: details.originPath, originError: details.originError, originCause: details.originCause });
      const signatureId = buildSignatureId(parts);
      const updated: Omit<FailuresTable, "bytes"> = {
        ...row,
        summarised: 1,
        origin_state: details.originState,
        origin_path: details.originPath,
        origin_error: details.originError,
        origin_cause: details.originCause,
        final_error: details.finalError,
        kind: details.kind,
        signature_id: signatureId,
      };
      updates.push({ ...updated, bytes: rowBytes(updated) });
      // One row per signature in the INSERT: Postgres refuses to update the same row twice in one statement.
      const stopMs = Number(row.stop_ms);
      const known = signatures.get(signatureId);
      if (!known) {
        signatures.set(signatureId, {
          id: signatureId,
          state_machine_arn: parts.stateMachineArn,
          origin_path: parts.originPath,
          origin_error: parts.originError,
          normalised_cause: parts.normalisedCause,
          sample_cause: details.originCause === null ? null : details.originCause.slice(0, 2048),
          first_at_ms: stopMs,
          first_execution_arn: row.execution_arn,
          last_at_ms: stopMs,
        });
      } else {
        if (stopMs < known.first_at_ms) Object.assign(known, { first_at_ms: stopMs, first_execution_arn: row.execution_arn });
        if (stopMs > known.last_at_ms) known.last_at_ms = stopMs;
      }
    }
    await this.db.transaction().execute(async (trx) => {
      if (signatures.size > 0) {
        await trx
          .insertInto("signatures")
          .values([...signatures.values()])
          .onConflict((oc) =>
            oc.column("id").doUpdateSet((eb) => ({
              // CASE, not min()/LEAST(): the one spelling both SQLite and Postgres accept.
              first_execution_arn: eb.case().when("excluded.first_at_ms", "<", eb.ref("signatures.first_at_ms")).then(eb.ref("excluded.first_execution_arn")).else(eb.ref("signatures.first_execution_arn")).end(),
              first_at_ms: eb.case().when("excluded.first_at_ms", "<", eb.ref("signatures.first_at_ms")).then(eb.ref("excluded.first_at_ms")).else(eb.ref("signatures.first_at_ms")).end(),
              last_at_ms: eb.case().when("excluded.last_at_ms", ">", eb.ref("signatures.last_at_ms")).then(eb.ref("excluded.last_at_ms")).else(eb.ref("signatures.last_at_ms")).end(),
            })),
          )
          .execute();
      }
      for (const row of updates) {
        const { execution_arn, redrive_count, ...rest } = row;
        await trx.updateTable("failures").set(rest).where("execution_arn", "=", execution_arn).where("redrive_count", "=", redrive_count).execute();
      }
    });
  }

  // ---- reads ----

  private filtered(f: FailureFilter) {
    return this.db
      .selectFrom("failures")
      .where("stop_ms", ">=", f.fromMs)
      .where("stop_ms", "<=", f.toMs)
      .$if(f.stateMachine !== undefined, (qb) => qb.where((eb) => eb.or([eb("state_machine_arn", "=", f.stateMachine!), eb("state_machine_name", "=", f.stateMachine!)])))
      .$if(f.status !== undefined, (qb) => qb.where("status", "=", f.status!))
      .$if(f.signatureId !== undefined, (qb) => qb.where("signature_id", "=", f.signatureId!))
      .$if(Boolean(f.q), (qb) => qb.where((eb) => this.search(eb, f.q!)));
  }

  private search(eb: ExpressionBuilder<IndexDatabase, "failures">, q: string) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    const columns = ["origin_error", "final_error", "origin_cause", "origin_path", "name"] as const;
    // lower() on both sides: LIKE is case-insensitive in SQLite and case-sensitive in Postgres.
    return eb.or(columns.map((c) => sql<boolean>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`));
  }

  /** How many failures match (summarised or not). */
  async count(f: FailureFilter): Promise<number> {
    const row = await this.filtered(f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Failures matching, newest first, a page at a time. */
  async executions(f: FailureFilter, opts: { cursor?: string; limit: number }): Promise<Page<IndexedFailure>> {
    const cursor = opts.cursor ? decodeCursor(opts.cursor) : null;
    if (opts.cursor && !cursor) throw new BadCursorError("cursor is not one this server issued");
    const rows = await this.filtered(f)
      .selectAll()
      .$if(cursor !== null, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb("stop_ms", "<", cursor!.t),
            eb.and([eb("stop_ms", "=", cursor!.t), eb("execution_arn", "<", cursor!.k)]),
            eb.and([eb("stop_ms", "=", cursor!.t), eb("execution_arn", "=", cursor!.k), eb("redrive_count", "<", cursor!.r)]),
          ]),
        ),
      )
      .orderBy("stop_ms", "desc")
      .orderBy("execution_arn", "desc")
      .orderBy("redrive_count", "desc")
      .limit(opts.limit + 1)
      .execute();
    const items = rows.slice(0, opts.limit).map(toIndexedFailure);
    const last = rows.length > opts.limit ? rows[opts.limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ t: Number(last.stop_ms), k: last.execution_arn, r: Number(last.redrive_count) }) : null };
  }

  /** Signatures with failures in the window, newest occurrence first, a page at a time, with their hourly counts. */
  async signatures(f: FailureFilter, opts: { cursor?: string; limit: number }): Promise<Page<SignatureRow>> {
    const cursor = opts.cursor ? decodeCursor(opts.cursor) : null;
    if (opts.cursor && !cursor) throw new BadCursorError("cursor is not one this server issued");
    const groups = await this.filtered(f)
      .where("signature_id", "is not", null)
      .select((eb) => ["signature_id", eb.fn.countAll<number>().as("n"), eb.fn.max("stop_ms").as("last_ms")])
      .groupBy("signature_id")
      .$if(cursor !== null, (qb) =>
        qb.having((eb) => eb.or([eb(eb.fn.max("stop_ms"), "<", cursor!.t), eb.and([eb(eb.fn.max("stop_ms"), "=", cursor!.t), eb("signature_id", "<", cursor!.k)])])),
      )
      .orderBy("last_ms", "desc")
      .orderBy("signature_id", "desc")
      .limit(opts.limit + 1)
      .execute();
    const page = groups.slice(0, opts.limit);
    const ids = page.map((g) => g.signature_id!);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const withIds: FailureFilter = { ...f, signatureId: undefined };
    const [signatures, hours, newest, statuses] = await Promise.all([
      this.db.selectFrom("signatures").selectAll().where("id", "in", ids).execute(),
      this.filtered(withIds)
        .where("signature_id", "in", ids)
        .select((eb) => ["signature_id", sql<number>`stop_ms / ${sql.lit(HOUR_MS)}`.as("hour"), eb.fn.countAll<number>().as("n")])
        .groupBy(["signature_id", sql`stop_ms / ${sql.lit(HOUR_MS)}`])
        .execute(),
      this.filtered(withIds)
        .where("signature_id", "in", ids)
        .select(["signature_id", "execution_arn", "stop_ms", "state_machine_name", "region"])
        .where((eb) =>
          eb(
            "stop_ms",
            "=",
            eb
              .selectFrom("failures as newer")
              .select((e2) => e2.fn.max("newer.stop_ms").as("m"))
              .whereRef("newer.signature_id", "=", "failures.signature_id")
              .where("newer.stop_ms", ">=", f.fromMs)
              .where("newer.stop_ms", "<=", f.toMs),
          ),
        )
        .execute(),
      this.filtered(withIds).where("signature_id", "in", ids).select(["signature_id", "status"]).distinct().execute(),
    ]);
    const byId = new Map(signatures.map((s) => [s.id, s]));
    const items: SignatureRow[] = page.map((g) => {
      const id = g.signature_id!;
      const s = byId.get(id)!;
      const hourly = new Map<number, number>();
      for (const h of hours) if (h.signature_id === id) hourly.set(Number(h.hour), Number(h.n));
      const newestRow = newest.find((n) => n.signature_id === id);
      return {
        signatureId: id,
        stateMachineArn: s.state_machine_arn,
        stateMachineName: newestRow?.state_machine_name ?? s.state_machine_arn.split(":")[6] ?? "",
        region: newestRow?.region ?? s.state_machine_arn.split(":")[3] ?? "",
        originPath: s.origin_path,
        originError: s.origin_error,
        normalisedCause: s.normalised_cause,
        sampleCause: s.sample_cause,
        statuses: statuses.filter((r) => r.signature_id === id).map((r) => r.status as IndexedStatus).sort(),
        count: Number(g.n),
        firstAtMs: Number(s.first_at_ms),
        firstExecutionArn: s.first_execution_arn,
        lastAtMs: Number(g.last_ms),
        newestExecutionArn: newestRow?.execution_arn ?? s.first_execution_arn,
        hourly,
      };
    });
    const last = groups.length > opts.limit ? page[page.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ t: Number(last.last_ms), k: last.signature_id!, r: 0 }) : null };
  }

  /** One execution row. */
  async failure(key: FailureKey): Promise<IndexedFailure | null> {
    const row = await this.db.selectFrom("failures").selectAll().where("execution_arn", "=", key.executionArn).where("redrive_count", "=", key.redriveCount).executeTakeFirst();
    return row ? toIndexedFailure(row) : null;
  }

  /** A signature's own row (first seen ever, first execution), whatever the window. */
  async signatureById(id: string) {
    return (await this.db.selectFrom("signatures").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
  }

  /** Which versions and aliases a signature's executions ran on, in the window. */
  async versionsOf(f: FailureFilter): Promise<{ versionArn: string | null; aliasArn: string | null; count: number }[]> {
    const rows = await this.filtered(f)
      .select((eb) => ["version_arn", "alias_arn", eb.fn.countAll<number>().as("n")])
      .groupBy(["version_arn", "alias_arn"])
      .orderBy("n", "desc")
      .execute();
    return rows.map((r) => ({ versionArn: r.version_arn, aliasArn: r.alias_arn, count: Number(r.n) }));
  }

  /** Failures held per state machine in the window (for "N of M" against CloudWatch). */
  async countsByStateMachine(f: FailureFilter): Promise<Map<string, number>> {
    const rows = await this.filtered(f).select((eb) => ["state_machine_arn", eb.fn.countAll<number>().as("n")]).groupBy("state_machine_arn").execute();
    return new Map(rows.map((r) => [r.state_machine_arn, Number(r.n)]));
  }

  /** Failures held per state machine and status in the window. */
  async countsByStateMachineAndStatus(f: FailureFilter): Promise<Map<string, Partial<Record<IndexedStatus, number>>>> {
    const rows = await this.filtered(f).select((eb) => ["state_machine_arn", "status", eb.fn.countAll<number>().as("n")]).groupBy(["state_machine_arn", "status"]).execute();
    const counts = new Map<string, Partial<Record<IndexedStatus, number>>>();
    for (const r of rows) counts.set(r.state_machine_arn, { ...counts.get(r.state_machine_arn), [r.status]: Number(r.n) });
    return counts;
  }

  /**
   * Timeouts per state machine in the window: TIMED_OUT executions, and FAILED ones that a task timeout
   * ended (States.Timeout or States.HeartbeatTimeout — AWS-FACTS.md says match both), with one of their executions as an example.
   */
  async timeoutsByStateMachine(f: FailureFilter): Promise<{ stateMachineArn: string; status: IndexedStatus; count: number; exampleExecutionArn: string; lastAtMs: number }[]> {
    const rows = await this.filtered(f)
      .where((eb) => eb.or([eb("status", "=", "TIMED_OUT"), eb("origin_error", "in", ["States.Timeout", "States.HeartbeatTimeout"])]))
      .select((eb) => ["state_machine_arn", "status", eb.fn.countAll<number>().as("n"), eb.fn.max("stop_ms").as("last_ms"), eb.fn.max("execution_arn").as("example_arn")])
      .groupBy(["state_machine_arn", "status"])
      .execute();
    return rows.map((r) => ({ stateMachineArn: r.state_machine_arn, status: r.status as IndexedStatus, count: Number(r.n), exampleExecutionArn: r.example_arn, lastAtMs: Number(r.last_ms) }));
  }

  /** Stored rows, pending details and the oldest pending stop time. */
  async progress(): Promise<{ stored: number; pending: number; oldestPendingMs: number | null }> {
    const [stored, pending] = await Promise.all([
      this.db.selectFrom("failures").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
      this.db.selectFrom("failures").where("summarised", "=", 0).select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("stop_ms").as("oldest")]).executeTakeFirst(),
    ]);
    const oldest = pending?.oldest;
    return { stored: Number(stored?.n ?? 0), pending: Number(pending?.n ?? 0), oldestPendingMs: oldest === null || oldest === undefined ? null : Number(oldest) };
  }

  private statusCache: { at: number; value: Promise<IndexStatus> } | null = null;

  /**
   * How far behind the index is, how much it holds, and what retention dropped. Its totals scan the whole
   * table, so one answer serves every request for a second; the poller asks for a fresh one after each cycle.
   */
  async indexStatus(opts: { fresh?: boolean } = {}): Promise<IndexStatus> {
    const now = Date.now();
    if (!opts.fresh && this.statusCache && now - this.statusCache.at < STATUS_TTL_MS) return this.statusCache.value;
    const value = this.readIndexStatus();
    this.statusCache = { at: now, value };
    value.catch(() => (this.statusCache = null));
    return value;
  }

  private async readIndexStatus(): Promise<IndexStatus> {
    const [progress, gaps, dropped, storedBytes] = await Promise.all([this.progress(), this.gaps(), this.dropped(), this.storedBytes()]);
    return {
      backend: this.backend,
      stored: progress.stored,
      pending: progress.pending,
      oldestPendingAt: progress.oldestPendingMs === null ? null : new Date(progress.oldestPendingMs).toISOString(),
      pagesBehind: gaps.length,
      dropped: { age: dropped.age ?? 0, size: dropped.size ?? 0, expiredTokens: dropped["expired-tokens"] ?? 0 },
      retention: { maxAgeDays: this.retention.maxAgeMs / 86_400_000, maxBytes: this.retention.maxBytes },
      storedBytes,
    };
  }

  // ---- closed executions' reports ----

  /** Stores a closed execution's report (JSON) for good; the same key written twice keeps the newest. */
  async putReport(key: FailureKey, report: unknown, stopMs: number, nowMs: number): Promise<void> {
    const json = JSON.stringify(report);
    const row = { execution_arn: key.executionArn, redrive_count: key.redriveCount, stop_ms: stopMs, stored_ms: nowMs, report_json: json, bytes: Buffer.byteLength(json, "utf8") + 128 };
    await this.db
      .insertInto("reports")
      .values(row)
      .onConflict((oc) => oc.columns(["execution_arn", "redrive_count"]).doUpdateSet({ report_json: row.report_json, bytes: row.bytes, stored_ms: row.stored_ms }))
      .execute();
  }

  /** A stored report, parsed; null when none. */
  async getReport<T = unknown>(key: FailureKey): Promise<T | null> {
    const row = await this.db.selectFrom("reports").select("report_json").where("execution_arn", "=", key.executionArn).where("redrive_count", "=", key.redriveCount).executeTakeFirst();
    return row ? (JSON.parse(row.report_json) as T) : null;
  }

  // ---- ListExecutions pages still to read (catching up after a burst) ----

  /** Remembers where paging stopped for want of budget. */
  async addGap(gap: { id: string; stateMachineArn: string; status: string; nextToken: string }, nowMs: number): Promise<void> {
    await this.db
      .insertInto("poll_gaps")
      .values({ id: gap.id, state_machine_arn: gap.stateMachineArn, status: gap.status, next_token: gap.nextToken, created_ms: nowMs })
      .onConflict((oc) => oc.column("id").doUpdateSet({ next_token: gap.nextToken }))
      .execute();
  }

  /** Every gap still open, oldest first. */
  async gaps(): Promise<{ id: string; stateMachineArn: string; status: string; nextToken: string; createdMs: number }[]> {
    const rows = await this.db.selectFrom("poll_gaps").selectAll().orderBy("created_ms", "asc").orderBy("id").execute();
    return rows.map((r) => ({ id: r.id, stateMachineArn: r.state_machine_arn, status: r.status, nextToken: r.next_token, createdMs: Number(r.created_ms) }));
  }

  async removeGap(id: string): Promise<void> {
    await this.db.deleteFrom("poll_gaps").where("id", "=", id).execute();
  }

  // ---- retention and what it dropped ----

  /** Counts of what retention (and expired page tokens) dropped, by reason. */
  async dropped(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("drops").selectAll().execute();
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]));
  }

  /** Adds to a drop count. */
  async countDrop(reason: string, n: number): Promise<void> {
    if (n <= 0) return;
    await this.db
      .insertInto("drops")
      .values({ reason, count: n })
      .onConflict((oc) => oc.column("reason").doUpdateSet((eb) => ({ count: eb("drops.count", "+", eb.ref("excluded.count")) })))
      .execute();
  }

  /** Bytes the index holds, as the size budget counts them. */
  async storedBytes(): Promise<number> {
    const [f, r] = await Promise.all([
      this.db.selectFrom("failures").select((eb) => eb.fn.sum<number>("bytes").as("b")).executeTakeFirst(),
      this.db.selectFrom("reports").select((eb) => eb.fn.sum<number>("bytes").as("b")).executeTakeFirst(),
    ]);
    return Number(f?.b ?? 0) + Number(r?.b ?? 0);
  }

  /** Drops what is older than the age limit, then the oldest rows until under the size limit. */
  async applyRetention(nowMs: number): Promise<RetentionResult> {
    return applyRetention(this, nowMs);
  }
}
