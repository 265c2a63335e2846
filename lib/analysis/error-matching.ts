import type { Catcher, Retrier } from "./definition";
import { STATES_TIMEOUT_ERRORS as TIMEOUTS } from "./error-names";

/**
 * Whether an ErrorEquals list names this error, as Step Functions matches it: States.ALL matches
 * anything; States.TaskFailed anything but a timeout; States.Timeout and States.HeartbeatTimeout each other.
 * The one ErrorEquals matcher of lib/analysis: the history analyser and the definition findings both use it.
 * (AWS documents that States.ALL cannot catch States.DataLimitExceeded, yet a recorded AWS history shows a
 * Lambda's oversized result caught by States.ALL — so the analyser reads which rule applied from the
 * history, and uses this only to name the rule.)
 */
export function errorEqualsMatches(errorEquals: readonly string[], error: string | null): boolean {
  for (const name of errorEquals) {
    if (name === "States.ALL") return true;
    if (error === null) continue;
    if (name === error) return true;
    if (name === "States.TaskFailed" && !TIMEOUTS.has(error)) return true;
    if (TIMEOUTS.has(name) && TIMEOUTS.has(error)) return true;
  }
  return false;
}

/** Index of the Retry rule that retried this error: the first that matches, as AWS evaluates them in order. */
export function findRetrier(retriers: readonly Retrier[], error: string | null): number | null {
  for (let i = 0; i < retriers.length; i++) if (errorEqualsMatches(retriers[i]!.errorEquals, error)) return i;
  return error === null && retriers.length === 1 ? 0 : null;
}

/** Index of the Catch rule that caught this error, told apart by the state the history went to next. */
export function findCatcher(catchers: readonly Catcher[], error: string | null, next: string | null): number | null {
  let byNext: number | null = null;
  let byError: number | null = null;
  for (let i = 0; i < catchers.length; i++) {
    const catcher = catchers[i]!;
    const nextMatches = next !== null && catcher.next === next;
    const errorMatches = errorEqualsMatches(catcher.errorEquals, error);
    if (nextMatches && errorMatches) return i;
    if (nextMatches) byNext ??= i;
    if (errorMatches) byError ??= i;
  }
  return byNext ?? (next === null ? byError : null);
}
