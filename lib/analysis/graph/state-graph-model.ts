/**
 * The graph model of an ASL definition: states keyed by path (the same key the ExecutionReport uses),
 * containers for Parallel branches, and labelled edges. JSON-safe, so the server could send it as is.
 */

/** Every ASL state type. */
export const STATE_TYPES = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
/** One of STATE_TYPES. */
export type StateType = (typeof STATE_TYPES)[number];

/** How a Task waits for its work: the integration pattern decides which timeouts matter. */
export const TASK_PATTERNS = ["request-response", "sync", "callback", "activity"] as const;
/** One of TASK_PATTERNS. */
export type TaskPattern = (typeof TASK_PATTERNS)[number];

/** A Task's resource, classified. */
export interface TaskInfo {
  resource: string;
  pattern: TaskPattern;
  /** "lambda", "sqs", "ecs", "aws-sdk:s3", "activity", … (null when the ARN says nothing). */
  service: string | null;
  /** The Resource holds template placeholders (`${…}`, `Fn::…`, `Ref`): it is filled in at deploy time. */
  placeholder: boolean;
}

/** A timeout or heartbeat as written: a number, or only known at run time (…Path or JSONata). */
export interface SecondsSetting {
  seconds: number | null;
  dynamic: boolean;
}

/** One Retry rule with the AWS defaults filled in. */
export interface RetryPolicy {
  index: number;
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds: number | null;
  jitter: "FULL" | "NONE";
  /** The longest the retrier can sleep in total (jitter only shortens a wait). */
  worstCaseWaitSeconds: number;
}

/** One Catch rule. */
export interface CatchPolicy {
  index: number;
  errorEquals: string[];
  next: string;
  /** Node id of the catcher's target state. */
  nextId: string;
}

/** A Map state's shape. */
export interface MapInfo {
  mode: "INLINE" | "DISTRIBUTED";
  /** DISTRIBUTED only: child executions are STANDARD or EXPRESS (Express children stop at 5 minutes). */
  executionType: "STANDARD" | "EXPRESS" | null;
  maxConcurrency: SecondsSetting["seconds"];
  maxConcurrencyDynamic: boolean;
  /** ItemReader (S3) instead of the state input. */
  readsItemsFromS3: boolean;
  /** "ItemProcessor" (current) or "Iterator" (legacy). */
  processorField: "ItemProcessor" | "Iterator";
  /** DISTRIBUTED: ToleratedFailurePercentage as written (100: item failures never fail the Map Run). */
  toleratedFailurePercentage: number | null;
}

/** One state of the definition. */
export interface GraphState {
  /** Node id: unique in the graph, derived from the path. */
  id: string;
  /** Enclosing Map/Parallel names and this name, joined by "/": the ExecutionReport key. */
  path: string;
  name: string;
  type: StateType;
  /** Node id of the container drawn around this state (a Map state or a Parallel branch); null at the top. */
  parentId: string | null;
  /** Path of the enclosing Map or Parallel state; null at the top. */
  ownerPath: string | null;
  depth: number;
  queryLanguage: "JSONPath" | "JSONata";
  isStart: boolean;
  isEnd: boolean;
  comment: string | null;
  task: TaskInfo | null;
  timeout: SecondsSetting | null;
  heartbeat: SecondsSetting | null;
  retry: RetryPolicy[];
  catch: CatchPolicy[];
  map: MapInfo | null;
  /** Parallel: number of branches. */
  branches: number | null;
  /** Runs in a Distributed Map's child executions (its own history, its own 25,000 events). */
  inChildExecution: boolean;
  /** The state's own fields as written, without nested States (ItemProcessor/Iterator/Branches). */
  fields: Record<string, unknown>;
}

/** A Parallel branch, drawn as a group inside its Parallel state. */
export interface GraphContainer {
  id: string;
  kind: "branch";
  index: number;
  label: string;
  /** Node id of the Parallel state. */
  parentId: string;
  ownerPath: string;
}

/** Next, a Choice rule, a Choice Default or a Catch. */
export type EdgeKind = "next" | "choice" | "default" | "catch";

/** A transition. Edges never cross a container: ASL forbids it. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** Short text drawn on the edge (null for a plain Next). */
  label: string | null;
  /** The full text, when the label was shortened. */
  title: string | null;
}

/** The whole definition as a graph. */
export interface StateGraphModel {
  queryLanguage: "JSONPath" | "JSONata";
  comment: string | null;
  startId: string;
  /** Top-level TimeoutSeconds (whole execution); null when absent. */
  timeoutSeconds: number | null;
  /** Depth-first, definition order: a Map or Parallel before its children. */
  states: GraphState[];
  containers: GraphContainer[];
  edges: GraphEdge[];
}
