/**
 * `next build`, unless .next already holds a production build of exactly these sources (build-cache.ts): the
 * demo and the e2e run then share one build. Exits with next build's code.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsCurrent, recordBuild, sourceHash } from "./build-cache";

const root = path.resolve(__dirname, "..");
const hash = sourceHash(root);
if (buildIsCurrent(root, hash)) {
  console.log("next build: reusing .next (a production build of these sources)");
  process.exit(0);
}
const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
if (build.status === 0) recordBuild(root, hash);
process.exit(build.status ?? 1);
