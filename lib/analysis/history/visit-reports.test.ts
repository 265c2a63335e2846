// The States table's rows agree with the per-state reports on every recorded history: one producer, two views.
import { describe, expect, it } from "vitest";
import { fixtureFiles, loadFixture } from "@/test-support/recorded-fixtures";
import { buildExecutionReport } from "./report";
import { attributeEvents } from "./attribution";
import { normaliseHistory } from "./history";
import { buildVisitReports } from "./visit-reports";

const NOW = "2024-06-01T00:00:00Z";

describe("visit reports over every recorded AWS history", () => {
  it.each(fixtureFiles())("%s: rows per state sum to its StateReport", (file) => {
    const fixture = loadFixture(file);
    const report = buildExecutionReport(fixture.events, { definition: fixture.definition, now: NOW, region: "us-east-1" });
    const visits = report.visits!;
    expect(visits.length).toBe(report.visitsTotal);
    for (const state of report.states) {
      const mine = visits.filter((v) => v.path === state.path);
      expect(mine.length, state.path).toBe(state.entered);
      if (mine.length === 0) continue;
      expect(mine.reduce((sum, v) => sum + v.durationMs, 0), state.path).toBe(state.durationMs.total);
      expect(mine.reduce((sum, v) => sum + (v.attempts ?? 0), 0), state.path).toBe(state.attempts);
      expect(mine.reduce((sum, v) => sum + v.retries, 0), state.path).toBe(state.retries);
      const maxOf = (xs: (number | null)[]) => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);
      expect(maxOf(mine.map((v) => v.inputBytes)), state.path).toBe(state.maxInputBytes);
      expect(maxOf(mine.map((v) => v.outputBytes)), state.path).toBe(state.maxOutputBytes);
      if (state.outcome === "not-reached") throw new Error(`${state.path} has visits but is not-reached`);
    }
    // Entry order, each visit starting at its StateEntered event.
    for (let i = 1; i < visits.length; i++) expect(visits[i]!.enteredEventId).toBeGreaterThan(visits[i - 1]!.enteredEventId);
    for (const v of visits) expect(fixture.events.find((e) => e.id === v.enteredEventId)?.type).toMatch(/StateEntered$/);
  });

  it("over the limit, keeps every visit that went wrong, then the earliest, in entry order", () => {
    // The recorded history with the most visits, a failure among them.
    const fixture = fixtureFiles()
      .map(loadFixture)
      .map((f) => ({ f, report: buildExecutionReport(f.events, { definition: f.definition, now: NOW }) }))
      .filter(({ report }) => report.visits!.some((v) => v.outcome !== "succeeded") && report.visits!.length >= 6)
      .sort((a, b) => b.report.visits!.length - a.report.visits!.length)[0];
    if (!fixture) throw new Error("no recorded history with six visits and a failed one");
    const { f, report } = fixture;
    const all = report.visits!;
    const limit = Math.max(all.filter((v) => v.outcome !== "succeeded").length + 1, 3);
    const attribution = attributeEvents(normaliseHistory(f.events), null);
    const capped = buildVisitReports(attribution, report.status, new Set(), Date.parse(NOW), limit);
    expect(capped.total).toBe(attribution.visits.length);
    expect(capped.visits.length).toBe(Math.min(limit, capped.total));
    const troubled = buildVisitReports(attribution, report.status, new Set(), Date.parse(NOW)).visits.filter((v) => v.outcome !== "succeeded");
    expect(capped.visits.filter((v) => v.outcome !== "succeeded").length).toBe(Math.min(troubled.length, limit));
    const indexes = capped.visits.map((v) => v.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });
});
