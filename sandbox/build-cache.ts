import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What `next build` reads: when none of these changed, the last production build is reused. */
const SOURCE_DIRS = ["app", "components", "lib", "public"];
// package.json is left out on purpose: its scripts change often and never reach the bundle (dependencies do, via the lock).
const SOURCE_FILES = ["proxy.ts", "next.config.js", "tsconfig.json", "package-lock.json"];

/** sha256 over the app's source files (path and content; tests excluded: they are not in the bundle). */
export function sourceHash(root: string): string {
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(path.join(root, dir))) return;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) files.push(rel);
    }
  };
  SOURCE_DIRS.forEach(walk);
  for (const f of SOURCE_FILES) if (existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile()) files.push(f);
  for (const rel of files.sort()) {
    hash.update(rel).update("\0").update(readFileSync(path.join(root, rel))).update("\0");
  }
  return hash.digest("hex");
}

/** Where the hash of the sources of the last production build is kept (beside .next, gitignored). */
export function hashFile(root: string): string {
  return path.join(root, ".sandbox", "next-build.sha256");
}

/** True when .next holds a production build of exactly these sources. */
export function buildIsCurrent(root: string, hash = sourceHash(root)): boolean {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(hashFile(root))) return false;
  return readFileSync(hashFile(root), "utf8").trim() === hash;
}

/** Record that .next now holds a build of these sources. */
export function recordBuild(root: string, hash: string): void {
  mkdirSync(path.dirname(hashFile(root)), { recursive: true });
  writeFileSync(hashFile(root), `${hash}\n`);
}
