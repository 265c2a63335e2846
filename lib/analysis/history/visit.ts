/**
 * One entry into a state: from its *StateEntered event to its exit (or to where the history stops).
 * A state entered three times (a loop, three Map items) has three visits; its StateReport sums them.
 */
export interface Visit {
  index: number;
  name: string;
  /** Enclosing Map/Parallel state names and this name, joined by "/". */
  path: string;
  type: string;
  /** The visit of the enclosing Map or Parallel state; null at the top level. */
  parent: Visit | null;
  /** Map iteration index this visit runs in, when a MapIterationStarted opened its scope. */
  iteration: number | null;
  /** Run of the execution (0 = the first run, 1 = the first redrive…). */
  run: number;
  enteredPos: number;
  exitedPos: number;
  /** Map/Parallel: the *Succeeded/*Failed/*Aborted event; -1 while the work is open. */
  closedPos: number;
  lastPos: number;
  /** Events attributed to this visit itself; subtreeEvents adds its children's. */
  events: number;
  subtreeEvents: number;
  /** MapIteration* events of a Map visit (they count toward its items, not its overhead). */
  iterationEvents: number;
  /** Positions of the events that (re)start the work: Task/Lambda/Activity scheduling, Map/Parallel *Started. */
  restarts: number[];
  /** Map: MapIterationStarted events. Parallel: branches started (all restarts). */
  iterations: number;
  /** Positions of events carrying an error raised in this visit. */
  errorPositions: number[];
  /** The state entered after this visit exited (for a Catch, the catcher's Next). */
  nextState: string | null;
  timeoutSeconds: number | null;
  heartbeatSeconds: number | null;
  /** UTF-8 bytes of payloads; -1 when none was seen. */
  maxInputBytes: number;
  lastInputBytes: number;
  maxInputField: string | null;
  maxOutputBytes: number;
  lastOutputBytes: number;
  maxOutputField: string | null;
  /** Payload-bearing events seen, and how many of them came without their payload. */
  payloadEvents: number;
  payloadsMissing: number;
  distributedMapRun: boolean;
}

/** A fresh visit of a state entered at `enteredPos`. */
export function newVisit(
  index: number,
  name: string,
  path: string,
  type: string,
  parent: Visit | null,
  iteration: number | null,
  run: number,
  enteredPos: number,
): Visit {
  return {
    index,
    name,
    path,
    type,
    parent,
    iteration,
    run,
    enteredPos,
    exitedPos: -1,
    closedPos: -1,
    lastPos: enteredPos,
    events: 0,
    subtreeEvents: 0,
    iterationEvents: 0,
    restarts: [],
    iterations: 0,
    errorPositions: [],
    nextState: null,
    timeoutSeconds: null,
    heartbeatSeconds: null,
    maxInputBytes: -1,
    lastInputBytes: -1,
    maxInputField: null,
    maxOutputBytes: -1,
    lastOutputBytes: -1,
    maxOutputField: null,
    payloadEvents: 0,
    payloadsMissing: 0,
    distributedMapRun: false,
  };
}

/** True for Map and Parallel visits, whose children run inside them. */
export function isContainer(visit: Visit): boolean {
  return visit.type === "Map" || visit.type === "Parallel";
}

/** Nearest visit from `start` upward (itself included) of the given type, preferring one whose work is still open. */
export function findEnclosing(start: Visit | null, type: string, name: string | null = null): Visit | null {
  let fallback: Visit | null = null;
  for (let v = start; v !== null; v = v.parent) {
    if (v.type !== type || (name !== null && v.name !== name)) continue;
    if (v.closedPos < 0 && v.exitedPos < 0) return v;
    fallback ??= v;
  }
  return fallback;
}

/** Nearest visit from `start` upward (itself included) with this state name. */
export function findNamed(start: Visit | null, name: string): Visit | null {
  for (let v = start; v !== null; v = v.parent) if (v.name === name) return v;
  return null;
}
