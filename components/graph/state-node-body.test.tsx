import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildStateGraph, statesByPath } from "@/lib/analysis/graph/build-state-graph";
import { buildGraphOverlay } from "@/lib/analysis/graph/overlay";
import { makeReport, makeStateReport } from "@/test-support/make-report";
import { findModelFindings } from "@/lib/analysis/findings/find-findings";
import { buildBadges } from "./badges";
import { StateDetails } from "./state-details";
import { StateNodeBody } from "./state-node-body";
import type { StateNodeData } from "./to-flow-elements";

const model = buildStateGraph({
  StartAt: "Wait for approval",
  States: {
    "Wait for approval": {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      TimeoutSeconds: 3600,
      Retry: [{ ErrorEquals: ["States.Timeout"], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Rejected" }],
      Next: "Items",
    },
    Items: { Type: "Map", ItemProcessor: { StartAt: "Ship", States: { Ship: { Type: "Pass", End: true } } }, End: true },
    Rejected: { Type: "Fail" },
  },
});
const byPath = statesByPath(model);
const findings = findModelFindings(model);
const overlay = buildGraphOverlay(
  model,
  makeReport({
    status: "TIMED_OUT",
    failure: { state: "Wait for approval", path: "Wait for approval", error: "States.Timeout", cause: null, kind: "heartbeat-timeout", eventId: 9 },
    states: [makeStateReport("Wait for approval", { outcome: "timed-out", retries: 2, attempts: 3, lastError: { error: "States.Timeout", cause: "no heartbeat", eventId: 9 } })],
  }),
);

function nodeData(path: string): StateNodeData {
  const state = byPath.get(path)!;
  const o = overlay.byPath[path]!;
  return {
    state,
    outcome: o.outcome,
    origin: o.origin,
    outcomeLabel: o.label,
    badges: buildBadges(state, o, null, findings.filter((f) => f.path === path)),
    compound: state.type === "Map" || state.type === "Parallel",
  };
}

describe("StateNodeBody", () => {
  it("is one button with the test id, the outcome as an attribute and in words", () => {
    const html = renderToStaticMarkup(<StateNodeBody data={nodeData("Wait for approval")} open={false} panelId="p" onOpen={() => {}} />);
    expect(html).toMatch(/^<button type="button"/);
    expect(html).toContain('data-testid="state-node-Wait for approval"');
    expect(html).toContain('data-outcome="timed-out"');
    expect(html).toContain('data-origin="true"');
    expect(html).toContain("◷ timed out (origin)");
    expect(html).toContain("Task · sqs:sendMessage.waitForTaskToken · callback · start");
    expect(html).toContain("↻ 2 retries");
    expect(html).toContain('aria-expanded="false"');
  });

  it("draws a Map as a frame with its own button, and says when a state was not reached", () => {
    const html = renderToStaticMarkup(<StateNodeBody data={nodeData("Items")} open panelId="panel-1" onOpen={() => {}} />);
    expect(html).toMatch(/^<div class="[^"]*"><button/);
    expect(html).toContain('data-outcome="not-reached"');
    expect(html).toContain("○ not reached");
    expect(html).toContain('aria-controls="panel-1"');
  });
});

describe("StateDetails", () => {
  it("is a region named after the state, with its timeouts, retries, catches, findings and run", () => {
    const path = "Wait for approval";
    const html = renderToStaticMarkup(
      <StateDetails id="d" state={byPath.get(path)!} overlay={overlay.byPath[path]!} aggregate={null} findings={findings.filter((f) => f.path === path)} onClose={() => {}} />,
    );
    expect(html).toContain('role="region" aria-labelledby="d-title"');
    expect(html).toContain('<h3 id="d-title" tabindex="-1">State Wait for approval</h3>');
    expect(html).toContain("3600 s (1 h)");
    expect(html).toContain("States.Timeout: 2× from 1 s ×2 (waits ≤ 3 s)");
    expect(html).toContain("States.ALL → Rejected");
    // A person's approval is not told to send heartbeats (lib/analysis/findings/README.md: heartbeat-missing).
    expect(html).toContain("<h4>Findings</h4><p>None.</p>");
    expect(html).toContain("This execution: ◷ timed out (origin)");
    expect(html).toContain("3 (2 retries)");
    expect(html).toContain("no heartbeat");
  });
});
