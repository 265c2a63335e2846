import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The boundaries of STYLE.md are held by eslint.config.mjs. Each probe breaks one rule in a file the rule
// covers (linted as text under that path, so no probe file sits in the tree) and must fail lint; the same
// code in a place the rule allows must pass, so a rule that fires everywhere would fail here too.
const eslint = new ESLint({ cwd: path.resolve(__dirname, "..") });

async function errorsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const probes: { rule: string; file: string; code: string; allowedIn: string }[] = [
  { rule: "SDK only in lib/aws", file: "lib/server/probe.ts", code: 'import { SFNClient } from "@aws-sdk/client-sfn";\nexport const c = SFNClient;\n', allowedIn: "lib/aws/probe.ts" },
  { rule: "lib/analysis imports no lib/aws (alias)", file: "lib/analysis/probe.ts", code: 'import { describeExecution } from "@/lib/aws/sfn";\nexport const f = describeExecution;\n', allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis imports no lib/aws (relative)", file: "lib/analysis/probe.ts", code: 'import { describeExecution } from "../aws/sfn";\nexport const f = describeExecution;\n', allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis imports no lib/server (relative, nested)", file: "lib/analysis/graph/probe.ts", code: 'import { serverConfig } from "../../server/config";\nexport const f = serverConfig;\n', allowedIn: "lib/server/sub/probe.ts" },
  { rule: "lib/analysis does no I/O", file: "lib/analysis/probe.ts", code: 'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n', allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis reads no environment", file: "lib/analysis/probe.ts", code: "export const region = process.env.AWS_REGION;\n", allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis draws no random numbers", file: "lib/analysis/probe.ts", code: "export const id = Math.random();\n", allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis reads no clock (performance.now)", file: "lib/analysis/probe.ts", code: "export const t = performance.now();\n", allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis reads no clock (Date.now)", file: "lib/analysis/probe.ts", code: "export const t = Date.now();\n", allowedIn: "lib/server/probe.ts" },
  { rule: "lib/analysis reads no clock (new Date())", file: "lib/analysis/probe.ts", code: "export const t = new Date();\n", allowedIn: "lib/server/probe.ts" },
  { rule: "components import no lib/server", file: "components/probe.tsx", code: 'import { services } from "@/lib/server/services";\nexport const s = services;\n', allowedIn: "app/probe.tsx" },
  { rule: "components import no lib/server (relative)", file: "components/fleet/probe.tsx", code: 'import { services } from "../../lib/server/services";\nexport const s = services;\n', allowedIn: "app/x/probe.tsx" },
  { rule: "app reaches AWS only through lib/server", file: "app/probe.tsx", code: 'import { AwsError } from "@/lib/aws/errors";\nexport const e = AwsError;\n', allowedIn: "lib/server/probe.ts" },
  { rule: "components read no environment", file: "components/probe.tsx", code: "export const hidden = process.env.SFN_TRIAGE_HIDE_PAYLOADS;\n", allowedIn: "lib/server/probe.ts" },
  { rule: "query keys live in lib/queries", file: "components/probe.tsx", code: 'export const options = { queryKey: ["fleet"], queryFn: () => 1 };\n', allowedIn: "lib/queries/probe.ts" },
  { rule: "app never imports the sandbox", file: "lib/server/probe.ts", code: 'import { startSandbox } from "../../sandbox/index";\nexport const s = startSandbox;\n', allowedIn: "scripts/probe.ts" },
];

describe("lint holds the boundaries", () => {
  it.each(probes)("$rule", async ({ file, code, allowedIn }) => {
    expect(await errorsOf(file, code), `${file} should fail lint`).not.toEqual([]);
    expect(await errorsOf(allowedIn, code), `${allowedIn} should pass lint`).toEqual([]);
  });
});
