// The headline panel on real (sandbox-recorded) histories: the answer in the server's words, the state it
// names listed under it, and never "(not in a state)" under a headline that names a state.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyseHistory } from "@/lib/analysis";
import { loadSandboxHistory } from "@/test-support/sandbox-histories";
import { assembleTriage, buildGraph } from "@/lib/server/triage-json";
import { ExecutionHeadline } from "./execution-headline";

function triageOf(name: string) {
  const h = loadSandboxHistory(name);
  const { report, events } = analyseHistory(h.events, { definition: h.definition, now: "2030-01-01T00:00:00Z" });
  return assembleTriage({
    execution: { executionArn: "arn:aws:states:us-east-1:111111111111:execution:sm:x", stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:sm", name: "x", status: report.status, startDate: report.startedAt!, stopDate: report.stoppedAt, error: null, cause: null, inputBytes: null, outputBytes: null },
    region: "us-east-1",
    definition: { text: h.definition, error: null },
    findings: [],
    graph: buildGraph(h.definition),
    report,
    rows: events,
    history: { complete: true, pagesFetched: 1, reloading: false, error: null },
    payloadsHidden: false,
    consoleUrl: "https://console.aws.amazon.com/",
    fetchedAt: "2030-01-01T00:00:00Z",
  });
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("ExecutionHeadline", () => {
  it("an execution timeout: the state it was waiting in, under a headline that names it", () => {
    const html = renderToStaticMarkup(<ExecutionHeadline triage={triageOf("file-pipeline-timed-out")} />);
    expect(text(html)).toContain("The execution timed out after 30 s while in Archive (its TimeoutSeconds of 30 s)");
    expect(text(html)).toContain("Timed out while in Archive");
    expect(html).not.toContain("not in a state");
  });

  it("Catch → Fail: the root cause first, then the final error", () => {
    const html = text(renderToStaticMarkup(<ExecutionHeadline triage={triageOf("order-flow-payment-declined")} />));
    expect(html).toContain("AuthorizePayment failed with Payment.Declined (caught by Checks → Compensate → Fail state OrderFailed)");
    expect(html).toMatch(/Root cause in Checks\/AuthorizePayment Its error Payment\.Declined/);
    expect(html).toMatch(/Ended in OrderFailed Final error Order\.Compensated/);
  });

  it("a success near the cap lists the cliff", () => {
    const html = text(renderToStaticMarkup(<ExecutionHeadline triage={triageOf("report-builder-near-cap")} />));
    expect(html).toMatch(/Succeeded, close to a limit: Assemble(?:'|&#x27;)s Task parameters reached 224,910 of 262,144 bytes \(86%\)/);
  });
});
