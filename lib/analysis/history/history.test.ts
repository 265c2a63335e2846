import { describe, expect, it } from "vitest";
import { HistoryError, type HistoryErrorCode } from "../errors";
import { normaliseHistory } from "./history";
import { makeEvent } from "@/test-support/make-event";

const at = (s: number) => `2024-01-01T00:00:${String(s).padStart(2, "0")}Z`;
const valid = [
  makeEvent(1, "ExecutionStarted", 0, at(1), { input: "{}" }),
  makeEvent(2, "PassStateEntered", 0, at(2), { name: "A", input: "{}" }),
  makeEvent(3, "PassStateExited", 2, at(3), { name: "A", output: "{}" }),
  makeEvent(4, "ExecutionSucceeded", 3, at(4), { output: "{}" }),
];

function codeOf(input: unknown): HistoryErrorCode | null {
  try {
    normaliseHistory(input);
    return null;
  } catch (error) {
    if (error instanceof HistoryError) return error.code;
    throw error;
  }
}

describe("normaliseHistory", () => {
  it("takes GetExecutionHistory output or a bare array", () => {
    expect(normaliseHistory({ events: valid }).events).toHaveLength(4);
    expect(normaliseHistory(valid).contiguous).toBe(true);
  });

  it("turns a newest-first page around", () => {
    const history = normaliseHistory([...valid].reverse());
    expect(history.reversed).toBe(true);
    expect(history.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(history.timesMs[0]).toBe(Date.parse(at(1)));
  });

  it("notes gaps without failing", () => {
    const history = normaliseHistory([valid[0], valid[2], valid[3]]);
    expect(history.contiguous).toBe(false);
    expect(history.missingEvents).toBe(1);
  });

  it("counts unknown event types instead of failing", () => {
    const history = normaliseHistory([...valid.slice(0, 3), makeEvent(4, "QuantumStateEntangled", 3, at(4)), makeEvent(5, "QuantumStateEntangled", 4, at(5))]);
    expect(history.unknownTypes.get("QuantumStateEntangled")).toBe(2);
  });

  it("names each kind of malformed input", () => {
    const with2 = (patch: object) => valid.map((e) => (e.id === 2 ? { ...e, ...patch } : e));
    expect(codeOf("events")).toBe("not-a-history");
    expect(codeOf({ executions: [] })).toBe("not-a-history");
    expect(codeOf({ events: [] })).toBe("empty-history");
    expect(codeOf([valid[0], 7])).toBe("bad-event");
    expect(codeOf(with2({ id: "2" }))).toBe("bad-event-id");
    expect(codeOf(with2({ id: 0 }))).toBe("bad-event-id");
    expect(codeOf(with2({ type: 3 }))).toBe("bad-event-type");
    expect(codeOf(with2({ timestamp: "soon" }))).toBe("bad-timestamp");
    expect(codeOf(with2({ previousEventId: 2 }))).toBe("bad-parent");
    expect(codeOf(with2({ previousEventId: -1 }))).toBe("bad-parent");
    expect(codeOf([valid[0], valid[0]])).toBe("duplicate-event-id");
    expect(codeOf([valid[0], valid[2], valid[1], valid[3]])).toBe("out-of-order");
  });

  it("says where the problem is", () => {
    try {
      normaliseHistory([valid[0], valid[2], valid[1]]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HistoryError);
      expect((error as HistoryError).eventIndex).toBe(2);
      expect((error as HistoryError).message).toBe("Events are out of order: 2 follows 3.");
    }
  });
});
