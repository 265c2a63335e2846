import type { Workflow } from "./common";

/** Items in the big run: each inline iteration writes 4 events, so 1,300 items ≈ 5,200 history events. */
export const BIG_MAP_ITEMS = 1_300;

/** Item ids 1..n. */
export function mapItems(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * A nightly reconciliation over an inline Map: every iteration writes into the parent's history, so the event
 * count grows with the item count toward the 25,000-event cap.
 */
export const batchMap: Workflow = {
  name: "batch-map",
  description: "Reconcile (inline Map, one Pass per item) → Summarize. 1,300 items ≈ 5,200 events.",
  definition: {
    Comment: "Reconcile ledger entries one by one in an inline Map.",
    StartAt: "Reconcile",
    States: {
      Reconcile: {
        Type: "Map",
        ItemsPath: "$.items",
        MaxConcurrency: 20,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "MatchEntry",
          States: { MatchEntry: { Type: "Pass", Parameters: { "id.$": "$", matched: true }, End: true } },
        },
        ResultPath: "$.results",
        Next: "Summarize",
      },
      Summarize: { Type: "Pass", Parameters: { "batchId.$": "$.batchId", "count.$": "States.ArrayLength($.results)" }, End: true },
    },
  },
  scenarios: [
    {
      name: "small-batch",
      weight: 2,
      input: (n) => ({ batchId: `batch-${n}`, items: mapItems(40 + ((n * 37) % 160)) }),
      expect: { status: "SUCCEEDED", closesAfterS: 3, note: "40–200 items: 170–810 events" },
    },
  ],
  alarms: [],
};

/** Input of the big batch the generator starts shortly after start (and then rarely). */
export function bigBatchInput(n: number): Record<string, unknown> {
  return { batchId: `big-batch-${n}`, items: mapItems(BIG_MAP_ITEMS) };
}
