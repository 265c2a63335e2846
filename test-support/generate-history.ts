import type { HistoryEvent } from "@/lib/domain/history-event";
import { HISTORY_EVENT_LIMIT, HISTORY_LIMIT_CAUSE } from "@/lib/analysis/limits";
import { HistoryBuilder } from "./make-event";

/** A generated execution: its events and the definition it ran. */
export interface GeneratedHistory {
  events: HistoryEvent[];
  definition: string;
}

/** Shape of a generated inline-Map execution. */
export interface MapHistoryOptions {
  items: number;
  /** Pass states before the Map (2 events each), to land on an exact event count. */
  passesBefore?: number;
  /** Iterations in flight at once; their events interleave as AWS writes them. */
  concurrency?: number;
  /** Approximate size of each Task result, in characters (some of them multi-byte). */
  payloadChars?: number;
  /** AWS's cap: at this many events the execution fails with States.Runtime. */
  historyLimit?: number;
  mapName?: string;
  taskName?: string;
}

const LAMBDA = { resource: "invoke", resourceType: "lambda" };

/** The ASL of the generated Map execution. */
export function mapDefinition(passes: number, mapName = "ProcessAll", taskName = "ProcessItem"): string {
  const states: Record<string, unknown> = {};
  for (let p = 1; p <= passes; p++) states[`Prepare${p}`] = { Type: "Pass", Next: p < passes ? `Prepare${p + 1}` : mapName };
  states[mapName] = {
    Type: "Map",
    ItemsPath: "$.items",
    MaxConcurrency: 10,
    ResultPath: null,
    ItemProcessor: {
      ProcessorConfig: { Mode: "INLINE" },
      StartAt: taskName,
      States: {
        [taskName]: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "process-item", "Payload.$": "$" },
          TimeoutSeconds: 30,
          Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], MaxAttempts: 3 }],
          End: true,
        },
      },
    },
    End: true,
  };
  return JSON.stringify({ Comment: "Generated inline Map", StartAt: passes > 0 ? "Prepare1" : mapName, States: states }, null, 2);
}

function resultPayload(index: number, chars: number): string {
  // Mixed ASCII and multi-byte text, so byte counts differ from string lengths as they do in real data.
  const unit = `item-${index}-é-😀-`;
  const text = unit.repeat(Math.max(1, Math.ceil(chars / unit.length))).slice(0, Math.max(1, chars));
  return JSON.stringify({ StatusCode: 200, Payload: { index, text } });
}

/**
 * An inline Map execution as AWS writes it: MapStateEntered, MapStateStarted, per item MapIterationStarted,
 * TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited, MapIterationSucceeded (with
 * index), then MapStateSucceeded, MapStateExited and ExecutionSucceeded. When the history reaches the limit,
 * AWS ends it with ExecutionFailed, States.Runtime, "The execution reached the maximum number of history events (25000)."
 * Events: 2 + 2·passesBefore + 4 + 7·items when it succeeds.
 */
export function generateMapHistory(options: MapHistoryOptions): GeneratedHistory {
  const { items, passesBefore = 0, concurrency = 1, payloadChars = 120, historyLimit = HISTORY_EVENT_LIMIT } = options;
  const mapName = options.mapName ?? "ProcessAll";
  const taskName = options.taskName ?? "ProcessItem";
  const h = new HistoryBuilder();
  const input = JSON.stringify({ items: Array.from({ length: items }, (_, i) => i) });
  let last = h.add("ExecutionStarted", 0, { input, inputDetails: { truncated: false }, roleArn: "arn:aws:iam::111111111111:role/sfn" });
  last = 0; // AWS links the first state to 0, not to ExecutionStarted
  for (let p = 1; p <= passesBefore; p++) {
    const entered = h.add("PassStateEntered", last, { name: `Prepare${p}`, input, inputDetails: { truncated: false } });
    last = h.add("PassStateExited", entered, { name: `Prepare${p}`, output: input, outputDetails: { truncated: false } });
  }
  const entered = h.add("MapStateEntered", last, { name: mapName, input, inputDetails: { truncated: false } });
  const started = h.add("MapStateStarted", entered, { length: items });

  // Each iteration is a list of steps; iterations in flight take turns, one event each.
  type Step = (previous: number) => number;
  const stepsFor = (index: number): Step[] => {
    const itemJson = String(index);
    const output = resultPayload(index, payloadChars);
    const parameters = JSON.stringify({ FunctionName: "process-item", Payload: index });
    return [
      (prev) => h.add("MapIterationStarted", prev, { index, name: mapName }),
      (prev) => h.add("TaskStateEntered", prev, { name: taskName, input: itemJson, inputDetails: { truncated: false } }),
      (prev) => h.add("TaskScheduled", prev, { ...LAMBDA, region: "us-east-1", parameters, timeoutInSeconds: 30 }),
      (prev) => h.add("TaskStarted", prev, { ...LAMBDA }),
      (prev) => h.add("TaskSucceeded", prev, { ...LAMBDA, output, outputDetails: { truncated: false } }),
      (prev) => h.add("TaskStateExited", prev, { name: taskName, output, outputDetails: { truncated: false } }),
      (prev) => h.add("MapIterationSucceeded", prev, { index, name: mapName }),
    ];
  };
  interface Flight { steps: Step[]; next: number; last: number }
  const flights: Flight[] = [];
  let nextItem = 0;
  let lastInnerExit = started;
  let lastIterationDone = started;
  const launch = (previous: number) => flights.push({ steps: stepsFor(nextItem++), next: 0, last: previous });
  while (nextItem < items && flights.length < Math.max(1, concurrency)) launch(started);
  let turn = 0;
  while (flights.length > 0) {
    if (h.nextId === historyLimit) {
      h.add("ExecutionFailed", h.nextId - 1, { error: "States.Runtime", cause: HISTORY_LIMIT_CAUSE });
      return { events: h.events, definition: mapDefinition(passesBefore, mapName, taskName) };
    }
    turn %= flights.length;
    const flight = flights[turn]!;
    flight.last = flight.steps[flight.next]!(flight.last);
    if (flight.next === 5) lastInnerExit = flight.last;
    flight.next++;
    if (flight.next === flight.steps.length) {
      lastIterationDone = flight.last;
      flights.splice(turn, 1);
      // AWS links the next item's MapIterationStarted to the finished item's last inner event.
      if (nextItem < items) launch(lastInnerExit);
    } else {
      turn++;
    }
  }
  h.add("MapStateSucceeded", lastIterationDone);
  const exited = h.add("MapStateExited", lastIterationDone, { name: mapName, output: input, outputDetails: { truncated: false } });
  h.add("ExecutionSucceeded", exited, { output: input, outputDetails: { truncated: false } });
  return { events: h.events, definition: mapDefinition(passesBefore, mapName, taskName) };
}
