// Test support only: histories recorded from `npm run sandbox` (moto 5.2.1 running the seeded workflows), with
// their definitions. They fill what the AWS-recorded corpus lacks: real timestamps, Catch → compensation → Fail,
// an execution timeout, a payload near the cap, a retry rule used to the last attempt.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HistoryEvent } from "@/lib/domain/history-event";

/** Where they are. */
export const SANDBOX_HISTORY_DIR = path.resolve(__dirname, "sandbox-histories");

/** One recorded sandbox execution. */
export interface SandboxHistory {
  name: string;
  definition: string;
  events: HistoryEvent[];
}

/** A sandbox history by file name (without .json). */
export function loadSandboxHistory(name: string): SandboxHistory {
  const json = JSON.parse(readFileSync(path.join(SANDBOX_HISTORY_DIR, `${name}.json`), "utf8")) as { definition: string; events: HistoryEvent[] };
  return { name, definition: json.definition, events: json.events };
}

/** Every sandbox history; fails when there are none rather than testing nothing. */
export function loadSandboxHistories(): SandboxHistory[] {
  const names = readdirSync(SANDBOX_HISTORY_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
  if (names.length === 0) throw new Error(`No sandbox histories in ${SANDBOX_HISTORY_DIR}`);
  return names.map(loadSandboxHistory);
}
