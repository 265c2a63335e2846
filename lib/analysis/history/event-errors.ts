import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import type { Visit } from "./visit";

/** An error and cause as an event (or a Fail state's definition) states them. */
export interface ErrorText {
  error: string | null;
  cause: string | null;
}

/** The error and cause an event carries in its details (null fields when it carries none). */
export function readEventError(attribution: Attribution, pos: number): ErrorText {
  const event = attribution.history.events[pos]!;
  const key = attribution.history.infos[pos]!.detailsKey as `${string}EventDetails`;
  const details = key ? event[key] : undefined;
  if (typeof details !== "object" || details === null) return { error: null, cause: null };
  const error = typeof details.error === "string" ? details.error : null;
  const cause = typeof details.cause === "string" ? details.cause : null;
  return { error, cause };
}

/**
 * The error raised at `pos` in `visit`. FailStateEntered carries no error in its event: AWS puts the
 * Fail state's Error/Cause only on the event that ends the execution, so a handled one is read from the definition.
 */
export function readRaisedError(
  attribution: Attribution,
  visit: Visit,
  pos: number,
  definition: StateMachineDefinition | null,
): ErrorText {
  if (pos === visit.enteredPos && visit.type === "Fail") {
    const state = definition?.states.get(visit.path);
    return { error: state?.error ?? null, cause: state?.cause ?? null };
  }
  return readEventError(attribution, pos);
}

// AWS's runtime-error causes say where they happened: "…the state 'X' (entered at the event id #8)…".
const ENTERED_AT = /entered at the event id #(\d+)/;

/** The event id a cause names with "(entered at the event id #N)", or null. */
export function enteredAtEventId(cause: string | null): number | null {
  const match = ENTERED_AT.exec(cause ?? "");
  return match ? Number(match[1]) : null;
}
