import { describe, expect, it } from "vitest";
import { HistoryEventType } from "@aws-sdk/client-sfn";
import { HISTORY_EVENT_TYPES } from "@/lib/domain/history-event";

// lib/domain can't import the SDK at run time (it ships to the browser), so its hand-kept list is
// pinned here: an SDK upgrade that adds an event type fails this test instead of going unnoticed.
describe("HISTORY_EVENT_TYPES", () => {
  it("is exactly the SDK's HistoryEventType values", () => {
    const sdk = Object.values(HistoryEventType) as string[];
    const ours = [...HISTORY_EVENT_TYPES] as string[];
    expect(new Set(ours).size).toBe(ours.length);
    expect([...ours].sort()).toEqual([...sdk].sort());
  });
});
