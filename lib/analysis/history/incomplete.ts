import type { ExecutionStatus } from "@/lib/domain/execution";
import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import { countPayloadEvents } from "./payloads";

/** What the caller told the analyser about how the history was read. */
export interface ReadingContext {
  status: ExecutionStatus;
  hasDefinition: boolean;
  /** False when the caller knows more pages exist; undefined when it does not say. */
  complete: boolean | undefined;
}

/** True when the events read are the whole history so far: from event 1, no gaps, and no more pages announced. */
export function isWholeHistory(attribution: Attribution, complete: boolean | undefined): boolean {
  const { firstId, missingEvents } = attribution.history;
  return complete !== false && firstId === 1 && missingEvents === 0;
}

/** What the report could not know, in plain words, instead of guessing. */
export function describeGaps(
  attribution: Attribution,
  definition: StateMachineDefinition | null,
  context: ReadingContext,
): string[] {
  const { history, visits, execution } = attribution;
  const notes: string[] = [];
  const whole = isWholeHistory(attribution, context.complete);
  const hasTerminal = attribution.runs[attribution.runs.length - 1]!.terminalPos >= 0;
  if (!hasTerminal) {
    notes.push(
      whole
        ? "The execution is still running: counts, durations and cost are as of now."
        : `No terminal event among the events read: the execution may still be running or may have ended after event ${history.lastId}.`,
    );
  }
  if (history.firstId > 1) {
    notes.push(
      history.reversed
        ? `Only the newest ${history.events.length} events (ids ${history.firstId}–${history.lastId}) were read (reverseOrder): per-state counts, retries and transitions cover those events only.`
        : `The history starts at event ${history.firstId}, not 1: earlier events are missing, so per-state counts and transitions cover only what was read.`,
    );
  }
  if (history.missingEvents > 0) notes.push(`${history.missingEvents} events are missing between ids ${history.firstId} and ${history.lastId}.`);
  if (context.complete === false) notes.push("More pages of this history exist and were not read.");
  const { events: payloadEvents, missing } = countPayloadEvents(visits, execution);
  if (payloadEvents > 0 && missing === payloadEvents) {
    notes.push("The history carries no payloads (read with includeExecutionData: false): input and output sizes are unknown.");
  } else if (missing > 0) {
    notes.push(`${missing} of ${payloadEvents} payload-bearing events came without their payload: byte sizes are lower bounds.`);
  }
  if (!context.hasDefinition) {
    notes.push("No definition: state types come from event types, states never entered are not listed, and Retry/Catch rules cannot be named.");
  }
  if (history.unknownTypes.size > 0) {
    const types = [...history.unknownTypes].map(([type, count]) => `${type} ×${count}`).join(", ");
    notes.push(`Event types unknown to this analyser (${types}) were counted and attributed by their parent link, not interpreted.`);
  }
  const distributed = new Set<string>();
  for (const visit of visits) if (visit.type === "Map" && visit.distributedMapRun) distributed.add(visit.path);
  for (const state of definition?.states.values() ?? []) if (state.distributed) distributed.add(state.path);
  for (const path of distributed) {
    notes.push(`Map "${path}" is a Distributed Map: its items run as child executions with their own histories, not analysed here.`);
  }
  if (attribution.unattributedEvents > 0) {
    notes.push(`${attribution.unattributedEvents} events point to parent events outside those read and are attributed to no state.`);
  }
  return notes;
}
