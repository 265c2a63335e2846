import "server-only";
import { z } from "zod";
import { FAILURE_WINDOWS, INDEXED_STATUSES } from "@/lib/domain/failures";

// The query of GET /api/failures (and of the fleet and signature pages): one schema, so the route and
// the pages reject the same things with the same words.
const single = (name: string) =>
  z.union([z.string(), z.array(z.string())]).transform((v, ctx) => {
    if (Array.isArray(v)) {
      ctx.addIssue({ code: "custom", message: `${name} may be given once` });
      return z.NEVER;
    }
    return v;
  });

const isoTime = (name: string) =>
  single(name).pipe(z.string().max(64).refine((v) => Number.isFinite(Date.parse(v)), { message: `${name} must be an ISO-8601 time, e.g. 2026-11-30T10:00:00Z` }));

const failuresQuerySchema = z
  .object({
    window: single("window").pipe(z.enum(Object.keys(FAILURE_WINDOWS) as [keyof typeof FAILURE_WINDOWS], { message: "window must be one of 1h, 6h, 24h, 7d" })).optional(),
    from: isoTime("from").optional(),
    to: isoTime("to").optional(),
    stateMachine: single("stateMachine").pipe(z.string().min(1).max(2048)).optional(),
    status: single("status").pipe(z.enum(INDEXED_STATUSES, { message: "status must be FAILED, TIMED_OUT or ABORTED" })).optional(),
    q: single("q").pipe(z.string().max(256, { message: "q is at most 256 characters" })).optional(),
    group: single("group").pipe(z.literal("signature", { message: "group must be signature (or left out for executions)" })).optional(),
    cursor: single("cursor").pipe(z.string().min(1).max(4096)).optional(),
    limit: single("limit").pipe(z.string().regex(/^\d{1,4}$/, { message: "limit must be a whole number" }).transform(Number)).pipe(z.number().int().min(1, { message: "limit is at least 1" }).max(200, { message: "limit is at most 200" })).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.window && (v.from || v.to)) ctx.addIssue({ code: "custom", message: "give either window or from/to, not both" });
    if (v.from && v.to && Date.parse(v.from) > Date.parse(v.to)) ctx.addIssue({ code: "custom", message: "from must not be after to" });
  });

/** A validated failures query: the window resolved to [fromMs, toMs]. */
export interface FailuresQuery {
  fromMs: number;
  toMs: number;
  stateMachine?: string;
  status?: (typeof INDEXED_STATUSES)[number];
  q?: string;
  group?: "signature";
  cursor?: string;
  limit: number;
}

/** Thrown for a query that does not validate; the message says which parameter and why. */
export class BadQueryError extends Error {}

const DEFAULT_WINDOW = "24h";
const DEFAULT_LIMIT = 50;

/** Parses a query (URLSearchParams or a page's searchParams record); `now` resolves relative windows. */
export function parseFailuresQuery(input: URLSearchParams | Record<string, string | string[] | undefined>, nowMs: number): FailuresQuery {
  const record: Record<string, string | string[]> = {};
  if (input instanceof URLSearchParams) {
    for (const key of new Set(input.keys())) {
      const values = input.getAll(key);
      record[key] = values.length === 1 ? values[0]! : values;
    }
  } else {
    for (const [key, value] of Object.entries(input)) if (value !== undefined) record[key] = value;
  }
  const parsed = failuresQuerySchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    const message = issue.code === "unrecognized_keys" ? `unknown parameter ${issue.keys.join(", ")}` : `${where}${issue.message}`;
    throw new BadQueryError(message);
  }
  const v = parsed.data;
  const toMs = v.to ? Date.parse(v.to) : nowMs;
  const fromMs = v.from ? Date.parse(v.from) : toMs - FAILURE_WINDOWS[v.window ?? DEFAULT_WINDOW];
  return { fromMs, toMs, stateMachine: v.stateMachine, status: v.status, q: v.q?.trim() || undefined, group: v.group, cursor: v.cursor, limit: v.limit ?? DEFAULT_LIMIT };
}
