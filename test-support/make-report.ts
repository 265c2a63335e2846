import type { ExecutionReport, StateReport } from "@/lib/domain/report";

/** A StateReport with quiet defaults; pass what the test is about. */
export function makeStateReport(path: string, fields: Partial<StateReport> = {}): StateReport {
  return {
    path,
    name: path.split("/").at(-1)!,
    type: "Task",
    outcome: "succeeded",
    entered: 1,
    attempts: 1,
    retries: 0,
    events: 5,
    durationMs: { total: 1000, max: 1000, last: 1000 },
    maxInputBytes: 100,
    lastInputBytes: 100,
    maxOutputBytes: 200,
    lastOutputBytes: 200,
    headroomBytes: 262_144 - 200,
    ...fields,
  };
}

/** An ExecutionReport with quiet defaults around the given states and failure. */
export function makeReport(fields: Partial<ExecutionReport> = {}): ExecutionReport {
  return {
    status: "SUCCEEDED",
    eventCount: 20,
    startedAt: "2024-06-01T00:00:00.000Z",
    stoppedAt: "2024-06-01T00:00:10.000Z",
    durationMs: 10_000,
    failure: null,
    handledErrors: [],
    states: [],
    transitions: 5,
    history: { events: 20, limit: 25_000, ratio: 20 / 25_000, byState: [], maps: [] },
    payload: { maxBytes: 200, state: null, path: null, field: null, limit: 262_144, ratio: 200 / 262_144 },
    cost: {
      region: null,
      pricePerThousandTransitionsUsd: 0.025,
      priceCheckedOn: "2024-06-01",
      transitions: 5,
      standardUsd: 0.000125,
      monthly: null,
      express: { usd: 0, assumptions: [] },
      notes: [],
    },
    runs: [],
    incomplete: [],
    unknownEventTypes: [],
    ...fields,
  };
}
