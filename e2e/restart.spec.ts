import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp } from "../bench/app-process";
import type { FailureExecutionsPage, FailureSignaturesPage } from "../lib/domain/failures";
import { endpoint } from "./fixtures/aws";
import { expect, test } from "./fixtures/test";
import { until } from "./fixtures/until";

/**
 * A restart of the app (`next start` stopped, started again on the same index file): what was learnt
 * survives — first-seen times, signatures, and closed executions' reports, which then cost AWS nothing.
 */
test.describe.configure({ timeout: 240_000 });

const REGION = "us-east-1";


test("first-seen times, signatures and closed reports survive a restart of the app", async () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), "sfn-triage-restart-")), "index.db");
  const env = { SFN_TRIAGE_DB: db, SFN_TRIAGE_POLL_MS: "3000" };
  const stats = async () => ((await (await fetch(`${endpoint}/__sandbox/stats`)).json()) as { operations: Record<string, number> }).operations;

  const first = await startApp({ endpoint, region: REGION, env });
  let signatures: FailureSignaturesPage;
  let executionArn: string;
  let report: unknown;
  let firstSeen: string;
  try {
    signatures = await until("signatures in the index", async () => {
      const page = (await (await fetch(`${first.appUrl}/api/failures?window=24h&group=signature`)).json()) as FailureSignaturesPage;
      return page.signatures.length > 0 ? page : null;
    });
    const executions = (await (await fetch(`${first.appUrl}/api/failures?window=24h`)).json()) as FailureExecutionsPage;
    executionArn = executions.executions[0]!.executionArn;
    firstSeen = executions.executions[0]!.firstSeenAt;
    const url = `${first.appUrl}/api/executions/${encodeURIComponent(executionArn)}`;
    report = await until("a complete triage", async () => {
      const triage = (await (await fetch(url)).json()) as { report: unknown; history: { complete: boolean } };
      return triage.history.complete ? triage.report : null;
    });
    // The report is written to the index right after the history completes (a local SQLite write, well under
    // a millisecond): give it a second, a margin of three orders of magnitude, before the process goes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await first.stop();
  }

  const second = await startApp({ endpoint, region: REGION, env });
  try {
    const before = await stats();
    const triage = (await (await fetch(`${second.appUrl}/api/executions/${encodeURIComponent(executionArn)}`)).json()) as { report: unknown };
    const after = await stats();
    // The report came from the index: not described again, definition not read again.
    expect(triage.report).toEqual(report);
    const executions = (await (await fetch(`${second.appUrl}/api/failures?window=24h&limit=200`)).json()) as FailureExecutionsPage;
    expect(executions.executions.find((e) => e.executionArn === executionArn)?.firstSeenAt).toBe(firstSeen);
    expect((after.DescribeExecution ?? 0) - (before.DescribeExecution ?? 0)).toBe(0);
    expect((after.DescribeStateMachineForExecution ?? 0) - (before.DescribeStateMachineForExecution ?? 0)).toBe(0);
    const again = (await (await fetch(`${second.appUrl}/api/failures?window=24h&group=signature&limit=200`)).json()) as FailureSignaturesPage;
    for (const s of signatures.signatures) {
      const same = again.signatures.find((x) => x.signatureId === s.signatureId);
      expect(same, `signature ${s.signatureId} after the restart`).toBeDefined();
      expect(same!.firstSeenAt).toBe(s.firstSeenAt);
    }
  } finally {
    await second.stop();
  }
});
