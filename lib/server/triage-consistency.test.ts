// One value per number: every figure the execution page shows in two places (headline, graph badge, payload
// table, history panel, event view) is read from the triage JSON here and held equal, over every recorded history.
import { describe, expect, it } from "vitest";
import { analyseHistory } from "@/lib/analysis";
import { buildBadges } from "@/components/graph/badges";
import { formatDuration } from "@/lib/analysis/format";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { loadSandboxHistories } from "@/test-support/sandbox-histories";
import { assembleTriage, buildGraph } from "./triage-json";

const NOW = "2030-01-01T00:00:00Z";
const histories = [
  ...loadFixtures().map((f) => ({ name: f.file, definition: f.definition, events: f.events })),
  ...loadSandboxHistories(),
];
const num = (text: string) => Number(text.replaceAll(",", ""));

describe.each(histories.map((h) => [h.name, h] as const))("%s", (_name, h) => {
  const { report, events: rows } = analyseHistory(h.events, { definition: h.definition, now: NOW, region: "us-east-1" });
  const graph = buildGraph(h.definition);
  const triage = assembleTriage({
    execution: { executionArn: "arn:aws:states:us-east-1:111111111111:execution:sm:x", stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:sm", name: "x", status: report.status, startDate: report.startedAt ?? NOW, stopDate: report.stoppedAt, error: null, cause: null, inputBytes: null, outputBytes: null },
    region: "us-east-1",
    definition: { text: h.definition, error: null },
    findings: [],
    graph,
    report,
    rows,
    history: { complete: true, pagesFetched: 1, reloading: false, error: null },
    payloadsHidden: false,
    consoleUrl: "https://console.aws.amazon.com/",
    fetchedAt: NOW,
  });

  it("events: the history panel, the event view and the report count the same events", () => {
    expect(triage.history.eventsFetched).toBe(report.eventCount);
    expect(report.history.events).toBe(report.eventCount);
    expect(triage.timeline.length).toBe(Math.min(500, rows.length));
  });

  it("each state: its graph badges, its table row and its events in the event view agree", () => {
    if (!triage.graph) return;
    for (const state of triage.graph.model.states) {
      const overlay = triage.graph.overlay.byPath[state.path] ?? null;
      const s = overlay?.state;
      if (!overlay || !s) continue;
      const badges = buildBadges(state, overlay, null, []);
      const own = rows.filter((r) => r.path === s.path);
      const events = badges.find((b) => b.key === "events");
      expect(num(/≡ ([\d,]+) events/.exec(events!.text)![1]!)).toBe(s.events);
      expect(own.length, `${s.path}: rows in the event view`).toBe(s.events);
      const inHistoryPanel = report.history.byState.find((b) => b.path === s.path);
      if (inHistoryPanel) expect(inHistoryPanel.events).toBe(s.events);
      const payload = badges.find((b) => b.key === "payload");
      const tableMax = Math.max(s.maxInputBytes ?? -1, s.maxOutputBytes ?? -1);
      if (payload) {
        expect(num(/Largest payload ([\d,]+) B of/.exec(payload.title)![1]!)).toBe(tableMax);
        const rowMax = Math.max(...own.map((r) => r.payloadBytes ?? -1));
        expect(rowMax, `${s.path}: largest payload in the event view`).toBe(tableMax);
      } else {
        expect(tableMax).toBe(-1);
      }
      const retries = badges.find((b) => b.key === "retries");
      expect(retries ? num(/↻ ([\d,]+) retr/.exec(retries.text)![1]!) : 0).toBe(s.retries);
      expect(own.filter((r) => r.isRetry).length, `${s.path}: retries in the event view`).toBe(s.retries);
      const time = badges.find((b) => b.key === "time");
      if (time) expect(time.text).toBe(`time ${formatDuration(s.durationMs.total)}`);
    }
  });

  it("the headline's figures are the report's", () => {
    const text = triage.headline.text;
    for (const match of text.matchAll(/([\d,]{4,}) bytes/g)) {
      const bytes = num(match[1]!);
      if (bytes === 262_144) continue;
      const known = report.states.flatMap((s) => [s.maxInputBytes, s.maxOutputBytes]).concat(report.payload.maxBytes);
      expect(known, `"${text}"`).toContain(bytes);
    }
    for (const match of text.matchAll(/([\d,]+) of 25,000 events/g)) expect(num(match[1]!)).toBe(report.history.events);
    const failure = report.failure;
    if (failure?.path) {
      // The state the headline names is the one the graph marks and the headline panel lists.
      const marked = triage.graph ? Object.values(triage.graph.overlay.byPath).filter((o) => o.origin).map((o) => o.path) : [];
      const named = failure.origin?.path ?? failure.path;
      if (triage.graph && triage.graph.overlay.byPath[named]) expect(marked).toEqual([named]);
      expect(text).toContain((failure.origin?.state ?? failure.state)!);
    }
  });
});
