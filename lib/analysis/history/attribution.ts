import type { ExecutionStatus } from "@/lib/domain/execution";
import type { StateMachineDefinition } from "../definition";
import { EVENT_KIND } from "../event-types";
import type { NormalisedHistory } from "./history";
import { recordPayload, type ExecutionPayloads } from "./payloads";
import { detailsOf, readNumber, readString } from "../details";
import { enteredAtEventId } from "./event-errors";
import { placeEnteredState } from "../enter-state";
import { findEnclosing, findNamed, newVisit, type Visit } from "./visit";

/** visitOf value of an event that belongs to the execution itself (ExecutionStarted, ExecutionFailed…). */
export const EXECUTION_LEVEL = -1;
/** visitOf value of an event whose parent is missing from the history (a partial page). */
export const UNATTRIBUTED = -2;

/** One run of the execution: from ExecutionStarted or ExecutionRedriven to its terminal event. */
export interface RunSpan {
  startPos: number;
  endPos: number;
  terminalPos: number;
  status: ExecutionStatus | null;
  /** States entered plus retries (each re-scheduling or Map/Parallel restart). */
  transitions: number;
}

/** Every event placed in a visit of a state (or at the execution level), in one pass over the history. */
export interface Attribution {
  history: NormalisedHistory;
  visits: Visit[];
  /** Per event position: a visit index, EXECUTION_LEVEL or UNATTRIBUTED. */
  visitOf: Int32Array;
  /** Per event position: UTF-8 bytes of the payload it carries, -1 when none (or not recorded). */
  payloadBytes: Int32Array;
  runs: RunSpan[];
  execution: ExecutionPayloads;
  executionEvents: number;
  unattributedEvents: number;
}

// Local copies: a bundler or tsx may turn each imported binding into a getter call, once per event.
const K_EVALUATION_FAILED = EVENT_KIND.evaluationFailed;
const K_EXECUTION_END = EVENT_KIND.executionEnd;
const K_EXECUTION_START = EVENT_KIND.executionStart;
const K_MAP_ITERATION = EVENT_KIND.mapIteration;
const K_MAP_RUN = EVENT_KIND.mapRun;
const K_MAP_STATE = EVENT_KIND.mapState;
const K_PARALLEL_STATE = EVENT_KIND.parallelState;
const K_STATE_ENTERED = EVENT_KIND.stateEntered;
const K_STATE_EXITED = EVENT_KIND.stateExited;
const K_TASK_ERROR = EVENT_KIND.taskError;
const K_TASK_SCHEDULED = EVENT_KIND.taskScheduled;

const record = recordPayload;
const readDetails = detailsOf;
const enclosing = findEnclosing;
const named = findNamed;
const enteredAt = enteredAtEventId;

/**
 * Walks the history once and attributes each event to a visit. previousEventId is a parent link, not a
 * chain: the next event of a state points to that state's last event, but Map and Parallel events point
 * to whatever child event finished last, so they are lifted to their enclosing Map/Parallel visit.
 */
export function attributeEvents(history: NormalisedHistory, definition: StateMachineDefinition | null): Attribution {
  const { events, infos, firstId, contiguous } = history;
  const n = events.length;
  const visitOf = new Int32Array(n);
  const payloadBytes = new Int32Array(n).fill(-1);
  const visits: Visit[] = [];
  const runs: RunSpan[] = [];
  const execution: ExecutionPayloads = { inputBytes: -1, outputBytes: -1, payloadEvents: 0, payloadsMissing: 0 };
  const lastByName = new Map<string, Visit>();
  const lastByPath = new Map<string, Visit>();
  let positions: Map<number, number> | null = null;
  if (!contiguous) {
    positions = new Map();
    for (let i = 0; i < n; i++) positions.set(events[i]!.id, i);
  }
  const posOf = (id: unknown): number => {
    if (typeof id !== "number" || id < firstId) return -1;
    if (positions === null) return id - firstId < n ? id - firstId : -1;
    return positions.get(id) ?? -1;
  };
  let run: RunSpan | null = null;
  let executionEvents = 0;
  let unattributedEvents = 0;

  for (let i = 0; i < n; i++) {
    const event = events[i]!;
    const info = infos[i]!;
    const details = readDetails(event, info);
    const parentId = event.previousEventId;
    const parentPos = posOf(parentId);
    // A parent id that should be in this history but isn't (a later page, a gap) leaves the event unplaced.
    const parentMissing =
      (parentPos < 0 && typeof parentId === "number" && parentId > 0) || (parentPos >= 0 && visitOf[parentPos] === UNATTRIBUTED);
    const parentVisit = parentPos >= 0 && visitOf[parentPos]! >= 0 ? visits[visitOf[parentPos]!]! : null;
    let visit: Visit | null = parentVisit;

    if (run === null || info.kind === K_EXECUTION_START) {
      if (run !== null) run.endPos = i - 1;
      run = { startPos: i, endPos: n - 1, terminalPos: -1, status: null, transitions: 0 };
      runs.push(run);
    }

    switch (info.kind) {
      case K_EXECUTION_START:
      case K_EXECUTION_END:
        visit = null;
        if (info.status !== null) {
          run.terminalPos = i;
          run.status = info.status;
        }
        break;
      case K_STATE_ENTERED: {
        const name = readString(details, "name") ?? "(unnamed)";
        const { scope, iteration, path } = placeEnteredState(name, parentPos, parentVisit, events, infos, definition, lastByPath);
        if (parentVisit !== null && scope === parentVisit && events[parentPos]!.type === "ParallelStateStarted") parentVisit.iterations++;
        if (parentVisit !== null && infos[parentPos]!.kind === K_STATE_EXITED) parentVisit.nextState = name;
        // The event type says what actually ran; the definition only fills in when the event cannot.
        const type = info.stateType ?? definition?.states.get(path)?.type ?? "Unknown";
        visit = newVisit(visits.length, name, path, type, scope, iteration, runs.length - 1, i);
        visits.push(visit);
        lastByName.set(name, visit);
        lastByPath.set(path, visit);
        run.transitions++;
        break;
      }
      case K_STATE_EXITED: {
        const name = readString(details, "name");
        if (name !== null) visit = named(parentVisit, name) ?? lastByName.get(name) ?? parentVisit;
        if (visit !== null) visit.exitedPos = i;
        break;
      }
      case K_TASK_SCHEDULED:
        if (visit !== null) {
          visit.restarts.push(i);
          if (visit.restarts.length > 1) run.transitions++; // a retry is a transition too
          visit.timeoutSeconds = readNumber(details, "timeoutInSeconds") ?? visit.timeoutSeconds;
          visit.heartbeatSeconds = readNumber(details, "heartbeatInSeconds") ?? visit.heartbeatSeconds;
        }
        break;
      case K_TASK_ERROR:
        if (visit !== null) visit.errorPositions.push(i);
        break;
      case K_EVALUATION_FAILED: {
        // AWS links EvaluationFailed to 0 or to the previous state's exit; its details name the state instead.
        // Its cause says "(entered at the event id #N)": the exact visit, whatever the parent link says.
        const enteredId = enteredAt(readString(details, "cause"));
        const enteredPos = enteredId !== null ? posOf(enteredId) : -1;
        const name = readString(details, "state");
        visit =
          (enteredPos >= 0 && visitOf[enteredPos]! >= 0 ? visits[visitOf[enteredPos]!]! : null) ??
          (name !== null ? (named(parentVisit, name) ?? lastByName.get(name) ?? null) : null) ??
          parentVisit;
        if (visit !== null) visit.errorPositions.push(i);
        break;
      }
      case K_MAP_STATE:
      case K_MAP_RUN:
      case K_PARALLEL_STATE: {
        const type = info.kind === K_PARALLEL_STATE ? "Parallel" : "Map";
        visit = enclosing(parentVisit, type) ?? lastOpen(visits, type);
        if (visit === null) break;
        if (info.restartsWork) {
          visit.restarts.push(i);
          visit.closedPos = -1;
          if (visit.restarts.length > 1) run.transitions++;
        } else if (info.closesWork) {
          visit.closedPos = i;
        }
        if (info.carriesError) visit.errorPositions.push(i);
        if (event.type === "MapRunStarted") visit.distributedMapRun = true;
        break;
      }
      case K_MAP_ITERATION: {
        const name = readString(details, "name");
        visit = enclosing(parentVisit, "Map", name) ?? enclosing(parentVisit, "Map") ?? lastOpen(visits, "Map");
        if (visit === null) break;
        visit.iterationEvents++;
        if (event.type === "MapIterationStarted") visit.iterations++;
        break;
      }
      default:
        // stateAborted, taskProgress and types unknown to us follow their parent link.
        break;
    }

    if (visit !== null) {
      visitOf[i] = visit.index;
      visit.events++;
      visit.lastPos = i;
    } else if (parentMissing && info.kind !== K_EXECUTION_START && info.kind !== K_EXECUTION_END) {
      visitOf[i] = UNATTRIBUTED;
      unattributedEvents++;
    } else {
      visitOf[i] = EXECUTION_LEVEL;
      executionEvents++;
    }
    if (info.payloadField !== null) payloadBytes[i] = record(details, info, visit, execution);
  }

  for (let v = visits.length - 1; v >= 0; v--) {
    // Children are always created after their parent, so one backward sweep sums the subtrees.
    const visit = visits[v]!;
    visit.subtreeEvents += visit.events;
    if (visit.parent !== null) visit.parent.subtreeEvents += visit.subtreeEvents;
  }
  return { history, visits, visitOf, payloadBytes, runs, execution, executionEvents, unattributedEvents };
}

/** The most recent Map/Parallel visit still at work, for events whose parent link leads nowhere useful. */
function lastOpen(visits: readonly Visit[], type: string): Visit | null {
  for (let v = visits.length - 1, seen = 0; v >= 0 && seen < 64; v--, seen++) {
    const visit = visits[v]!;
    if (visit.type === type && visit.closedPos < 0 && visit.exitedPos < 0) return visit;
  }
  return null;
}
