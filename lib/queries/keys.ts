/** The filters of an alarm view link: the state change (`at`) and the breach window (`from`/`to`). */
export interface AlarmLink {
  at?: string;
  from?: string;
  to?: string;
}
import type { EventQuery } from "@/lib/domain/triage";

/** Every react-query key of the app, so server prefetch and client hooks can't drift apart. */
export const queryKeys = {
  fleet: () => ["fleet"] as const,
  /** The failure index: `params` is the /api/failures query (group=signature or executions) without the cursor. */
  failures: (params: string) => ["failures", params] as const,
  signature: (id: string, params: string) => ["signature", id, params] as const,
  stateMachine: (arn: string, window: { from?: string; to?: string }) => ["state-machine", arn, window.from ?? null, window.to ?? null] as const,
  execution: (arn: string) => ["execution", arn] as const,
  payload: (arn: string, eventId: number, field: string) => ["payload", arn, eventId, field] as const,
  alarmView: (region: string, alarmName: string, link: AlarmLink) => ["alarm-view", region, alarmName, link.at ?? null, link.from ?? null, link.to ?? null] as const,
  executionEvents: (arn: string, query: EventQuery) =>
    ["execution-events", arn, query.state ?? null, query.kind ?? null, query.q ?? null, query.before ?? null, query.limit ?? null] as const,
};
