/** Faults the gateway injects into AWS calls; set by POST /__sandbox/faults or SANDBOX_FAULTS. */
export interface FaultConfig {
  /** Share of calls answered with HTTP 400 ThrottlingException "Rate exceeded" (0..1). */
  throttleRate?: number;
  /** Delay added before every matching call is forwarded, in ms. */
  latencyMs?: number;
  /** Share of calls answered with HTTP 500 InternalFailure or 503 ServiceUnavailable (0..1). */
  errorRate?: number;
  /** Pin the status of injected errors; by default each is 500 or 503 at random. */
  errorStatus?: 500 | 503;
  /** Share of calls whose connection is destroyed without an answer (0..1). */
  dropRate?: number;
  /** Operation names (GetExecutionHistory) or full X-Amz-Target values the faults apply to; default all. */
  targets?: string[];
  /** Answer every call that carries a nextToken with InvalidToken, as AWS does once a token is 24 h old. */
  expireTokens?: boolean;
  /** Status-change events (sandbox --events): share never published, as best-effort delivery allows (0..1). */
  eventDropRate?: number;
  /** Share of status-change events published twice (0..1). */
  eventDuplicateRate?: number;
  /** Share of status-change events held back `eventDelayMs` (default 3,000), so later ones overtake them (0..1). */
  eventDelayRate?: number;
  eventDelayMs?: number;
  /** Execution statuses the event faults apply to (RUNNING, FAILED…); default all. */
  eventStatuses?: string[];
  /** Role ARNs whose STS AssumeRole answers 403 AccessDenied, as AWS does when the trust policy doesn't name the caller. */
  denyAssumeRole?: string[];
}

/** What to do with one call. */
export type FaultDecision =
  | { kind: "drop" }
  | { kind: "throttle"; delayMs: number }
  | { kind: "error"; status: 500 | 503; delayMs: number }
  | { kind: "expire-token"; delayMs: number }
  | { kind: "pass"; delayMs: number };

const KEYS = new Set(["throttleRate", "latencyMs", "errorRate", "errorStatus", "dropRate", "targets", "expireTokens", "eventDropRate", "eventDuplicateRate", "eventDelayRate", "eventDelayMs", "eventStatuses", "denyAssumeRole"]);

/** Validate a fault config from JSON; throws with a message naming the bad field. */
export function parseFaultConfig(value: unknown): FaultConfig {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("faults must be a JSON object");
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!KEYS.has(key)) throw new Error(`unknown fault field "${key}"`);
  const out: FaultConfig = {};
  for (const key of ["throttleRate", "errorRate", "dropRate", "eventDropRate", "eventDuplicateRate", "eventDelayRate"] as const) {
    const rate = input[key];
    if (rate === undefined) continue;
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) throw new Error(`${key} must be a number from 0 to 1`);
    out[key] = rate;
  }
  if (input.latencyMs !== undefined) {
    const ms = input.latencyMs;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 600_000) throw new Error("latencyMs must be a number of ms from 0 to 600000");
    out.latencyMs = ms;
  }
  if (input.errorStatus !== undefined) {
    if (input.errorStatus !== 500 && input.errorStatus !== 503) throw new Error("errorStatus must be 500 or 503");
    out.errorStatus = input.errorStatus;
  }
  if (input.targets !== undefined) {
    if (!Array.isArray(input.targets) || !input.targets.every((t) => typeof t === "string" && t.length > 0)) {
      throw new Error("targets must be an array of operation names");
    }
    out.targets = [...(input.targets as string[])];
  }
  if (input.eventDelayMs !== undefined) {
    const ms = input.eventDelayMs;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 600_000) throw new Error("eventDelayMs must be a number of ms from 0 to 600000");
    out.eventDelayMs = ms;
  }
  if (input.eventStatuses !== undefined) {
    if (!Array.isArray(input.eventStatuses) || !input.eventStatuses.every((t) => typeof t === "string" && t.length > 0)) throw new Error("eventStatuses must be an array of execution statuses");
    out.eventStatuses = [...(input.eventStatuses as string[])];
  }
  if (input.denyAssumeRole !== undefined) {
    if (!Array.isArray(input.denyAssumeRole) || !input.denyAssumeRole.every((t) => typeof t === "string" && /^arn:aws:iam::\d{12}:role\/.+$/.test(t))) {
      throw new Error("denyAssumeRole must be an array of IAM role ARNs");
    }
    out.denyAssumeRole = [...(input.denyAssumeRole as string[])];
  }
  if (input.expireTokens !== undefined) {
    if (typeof input.expireTokens !== "boolean") throw new Error("expireTokens must be a boolean");
    out.expireTokens = input.expireTokens;
  }
  return out;
}

/** Does the config apply to this call (by operation name or full X-Amz-Target)? */
export function faultApplies(config: FaultConfig, operation: string, target: string | null): boolean {
  if (!config.targets || config.targets.length === 0) return true;
  return config.targets.some((t) => t === operation || (target !== null && t === target));
}

/** Decide one call's fate; `random` is injectable so tests can pin it. */
export function decideFault(
  config: FaultConfig,
  call: { operation: string; target: string | null; hasNextToken: boolean },
  random: () => number = Math.random,
): FaultDecision {
  const delayMs = config.latencyMs ?? 0;
  if (!faultApplies(config, call.operation, call.target)) return { kind: "pass", delayMs: 0 };
  if (config.dropRate && random() < config.dropRate) return { kind: "drop" };
  if (config.expireTokens && call.hasNextToken) return { kind: "expire-token", delayMs };
  if (config.throttleRate && random() < config.throttleRate) return { kind: "throttle", delayMs };
  if (config.errorRate && random() < config.errorRate) {
    return { kind: "error", status: config.errorStatus ?? (random() < 0.5 ? 500 : 503), delayMs };
  }
  return { kind: "pass", delayMs };
}

/** What to do with one status-change event: publish it `copies` times (0: dropped) after `delayMs`. */
export interface EventFaultDecision {
  copies: number;
  delayMs: number;
}

const DEFAULT_EVENT_DELAY_MS = 3_000;

/** Decide one status-change event's fate; `random` is injectable so tests can pin it. */
export function decideEventFault(config: FaultConfig, status: string, random: () => number = Math.random): EventFaultDecision {
  if (config.eventStatuses && config.eventStatuses.length > 0 && !config.eventStatuses.includes(status)) return { copies: 1, delayMs: 0 };
  if (config.eventDropRate && random() < config.eventDropRate) return { copies: 0, delayMs: 0 };
  const copies = config.eventDuplicateRate && random() < config.eventDuplicateRate ? 2 : 1;
  const delayMs = config.eventDelayRate && random() < config.eventDelayRate ? (config.eventDelayMs ?? DEFAULT_EVENT_DELAY_MS) : 0;
  return { copies, delayMs };
}
