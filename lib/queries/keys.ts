/** Every react-query key of the app, so server prefetch and client hooks can't drift apart. */
export const queryKeys = {
  fleet: () => ["fleet"] as const,
  /** The failure index: `params` is the /api/failures query (group=signature or executions) without the cursor. */
  failures: (params: string) => ["failures", params] as const,
  signature: (id: string, params: string) => ["signature", id, params] as const,
  stateMachine: (arn: string, window: { from?: string; to?: string }) => ["state-machine", arn, window.from ?? null, window.to ?? null] as const,
  execution: (arn: string) => ["execution", arn] as const,
  payload: (arn: string, eventId: number) => ["payload", arn, eventId] as const,
};
