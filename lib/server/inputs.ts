import "server-only";
import { z } from "zod";
import { ArnError, parseStatesArn, type StatesArn } from "@/lib/analysis/links/arn";
import { ALARM_LINK_EXPECTED, checkAlarmLink } from "@/lib/analysis/links/alarm-path";
import { jsonError } from "./http";

/**
 * Every input a route or a page takes, validated here with zod, in one module: ARNs by kind, time windows,
 * cursors. A handler parses, and either has typed data or a 400 that says what was expected.
 */

const EXECUTION_EXPECTED = "arn:aws:states:{region}:{account}:execution:{stateMachine}:{execution}";
const STATE_MACHINE_EXPECTED = "arn:aws:states:{region}:{account}:stateMachine:{name}";

/** An ARN from a path segment (decoded once: a Step Functions ARN never contains '%'), of the given kinds. */
function arnSegment(kinds: readonly StatesArn["kind"][], what: string, expected: string) {
  return z.string().transform((segment, ctx): StatesArn => {
    let text = segment;
    if (segment.includes("%")) {
      try {
        text = decodeURIComponent(segment);
      } catch {
        ctx.addIssue({ code: "custom", message: "The ARN in the link is not valid URL encoding.", params: { expected } });
        return z.NEVER;
      }
    }
    try {
      const arn = parseStatesArn(text);
      if (kinds.includes(arn.kind)) return arn;
      ctx.addIssue({ code: "custom", message: `That is a ${arn.kind} ARN; this takes ${what}.`, params: { expected } });
    } catch (error) {
      if (!(error instanceof Error && error.name === "ArnError")) throw error;
      ctx.addIssue({ code: "custom", message: error.message, params: { expected: (error as ArnError).expected ?? expected } });
    }
    return z.NEVER;
  });
}

/** `/executions/{arn}` and `/api/executions/{arn}…`: an execution (or Map Run child execution) ARN. */
export const ExecutionArnSegment = arnSegment(["execution", "map-run-execution"], "executions", EXECUTION_EXPECTED);
/** `/state-machines/{arn}`: a state machine ARN, possibly qualified by a version or an alias. */
export const StateMachineArnSegment = arnSegment(["state-machine", "state-machine-qualified"], "state machines", STATE_MACHINE_EXPECTED);

const isoTime = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && Number.isFinite(Date.parse(v)), { message: "must be an ISO 8601 time, e.g. 2026-11-23T15:00:00Z" });

/** A time window in a link: both ends optional, ISO times, `from` before `to`. */
export const TimeWindow = z
  .object({ from: isoTime.optional(), to: isoTime.optional() })
  .refine((w) => !w.from || !w.to || Date.parse(w.from) < Date.parse(w.to), { message: "from must come before to" });

/** `/api/executions/{arn}/events?before=&limit=&state=&kind=&q=`: one page of the event view. */
export const EventsQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  state: z.string().min(1).max(2000).optional(),
  kind: z.enum(["errors", "retries"]).optional(),
  q: z.string().max(500).optional(),
});

/** `/api/executions/{arn}/payload?eventId=&field=`. */
export const PayloadQuery = z.object({ eventId: z.coerce.number().int().positive(), field: z.enum(["input", "output", "parameters"]) });

// An SNS message is at most 256 KiB; anything longer was not sent by AWS.
const MAX_GO_CHARS = 262_144;
/** `/go?q=` and POST /api/go: whatever was pasted, within what AWS would ever send. */
export const GoQuery = z.string().trim().min(1, "Give ?q= an ARN, a console link, an alarm name or an alarm notification.").max(MAX_GO_CHARS);

/** `/alarms/{region}/{name}?at=&from=&to=` (the name already read from its segment). */
export const AlarmLink = z
  .object({ region: z.string(), alarmName: z.string(), at: z.string().optional(), from: z.string().optional(), to: z.string().optional() })
  .superRefine((link, ctx) => {
    const params = new URLSearchParams();
    for (const key of ["at", "from", "to"] as const) if (link[key] !== undefined) params.set(key, link[key]!);
    const problem = checkAlarmLink([link.region, link.alarmName], params);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { expected: ALARM_LINK_EXPECTED } });
  });

/** The first value of each query parameter, as zod objects expect them. */
export function queryOf(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) if (!(key in out)) out[key] = value;
  return out;
}

/** Parsed input, or the 400 answer that says what was wrong and what was expected. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; response: ReturnType<typeof jsonError>; message: string; expected?: string };

/** Validates `value`; a failure becomes a JSON 400 naming the first problem (and the field it concerns). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, kind = "invalid-input"): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? `${issue.path.join(".")}: ` : "";
  const expected = (issue as { params?: { expected?: string } }).params?.expected;
  const message = `${field}${issue.message}`;
  return { ok: false, response: jsonError(400, kind, message, expected), message, expected };
}
