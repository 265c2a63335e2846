// Test support only: the real-world definitions under test-support/definitions/real-world/ (public samples,
// each recorded in SOURCES.tsv with its repository, path and commit), read from disk.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { WorkflowType } from "@/lib/analysis/findings";

/** Where the collected definitions live. */
export const REAL_WORLD_DIR = path.resolve(__dirname, "definitions/real-world");

/** One collected definition with where it came from and the workflow type its template gives it. */
export interface RealWorldDefinition {
  file: string;
  text: string;
  repo: string;
  sourcePath: string;
  commit: string;
  type: WorkflowType;
  typeEvidence: string;
}

/** Every row of SOURCES.tsv with its file; throws (failing the test) when a row's file is missing. */
export function loadRealWorldDefinitions(): RealWorldDefinition[] {
  const rows = readFileSync(path.join(REAL_WORLD_DIR, "SOURCES.tsv"), "utf8").trim().split("\n").slice(1);
  if (rows.length === 0) throw new Error(`No rows in ${REAL_WORLD_DIR}/SOURCES.tsv`);
  return rows.map((row) => {
    const [file, repo, sourcePath, commit, type, typeEvidence] = row.split("\t") as [string, string, string, string, string, string];
    if (type !== "STANDARD" && type !== "EXPRESS") throw new Error(`SOURCES.tsv: ${file} has type ${type}`);
    return { file, text: readFileSync(path.join(REAL_WORLD_DIR, file), "utf8"), repo, sourcePath, commit, type, typeEvidence };
  });
}

/** Definition files in the directory (to check SOURCES.tsv names each one). */
export function listRealWorldFiles(): string[] {
  return readdirSync(REAL_WORLD_DIR).filter((f) => f.endsWith(".json") && f !== "expected-findings.json").sort();
}

/** The expected findings, "code severity path" per finding, by file (written by hand: see the README). */
export function loadExpectedFindings(): Record<string, string[]> {
  return JSON.parse(readFileSync(path.join(REAL_WORLD_DIR, "expected-findings.json"), "utf8")) as Record<string, string[]>;
}
