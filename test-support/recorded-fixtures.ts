// Test support only (imported by *.test.ts, never by app code): reading the fixtures from disk is its whole
// job, so it lives outside lib/analysis, which does no I/O.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The recorded AWS fixtures (see ../shared/fixtures/aws-recorded/README.md), beside the repo. */
export const FIXTURE_DIR = path.resolve(__dirname, "../../shared/fixtures/aws-recorded");

/** One fixture file, parsed. */
export interface RecordedFixture {
  file: string;
  definition: string | null;
  events: unknown[];
}

/** Every fixture; throws (and so fails the test) when the directory is missing, rather than testing nothing. */
export function loadFixtures(): RecordedFixture[] {
  const files = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new Error(`No fixtures in ${FIXTURE_DIR}`);
  return files.map((file) => {
    const json = JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), "utf8")) as { definition: string | null; events: unknown[] };
    return { file, definition: json.definition, events: json.events };
  });
}

type Json = Record<string, unknown>;

/** State paths of a definition, walked straight from its JSON (independently of buildStateGraph). */
export function rawStatePaths(definition: Json, owner: string | null = null): string[] {
  const paths: string[] = [];
  for (const [name, state] of Object.entries((definition.States ?? {}) as Record<string, Json>)) {
    const p = owner === null ? name : `${owner}/${name}`;
    paths.push(p);
    const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (processor) paths.push(...rawStatePaths(processor, p));
    for (const branch of (state.Branches ?? []) as Json[]) paths.push(...rawStatePaths(branch, p));
  }
  return paths;
}
