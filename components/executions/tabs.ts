import type { ExecutionTriage } from "@/lib/domain/triage";

/** The execution page's tabs, in the console's words and in triage order; the value is what `?tab=` holds. */
export const EXECUTION_TABS = [
  { value: "graph", label: "Graph" },
  { value: "events", label: "Events" },
  { value: "states", label: "States" },
  { value: "payloads", label: "Payloads" },
  { value: "cost", label: "Cost" },
] as const;
export type ExecutionTab = (typeof EXECUTION_TABS)[number]["value"];

const VALUES: readonly string[] = EXECUTION_TABS.map((t) => t.value);

/** `?tab=` as one of the tabs, or null when absent or not one (a mistyped link opens the default, not an error). */
export function parseTab(value: string | null | undefined): ExecutionTab | null {
  const v = value?.trim().toLowerCase() ?? "";
  return VALUES.includes(v) ? (v as ExecutionTab) : null;
}

/**
 * Without `?tab=`: the graph, where the failed state is painted (the "where" of the headline, with its
 * retries and Catch route); when the definition can't be drawn, the events, which still tell the story.
 */
export function defaultTab(triage: Pick<ExecutionTriage, "graph">): ExecutionTab {
  return triage.graph ? "graph" : "events";
}

/** The page's URL with `?tab=` set, every other parameter and the hash kept. */
export function hrefWithTab(href: string, tab: ExecutionTab): string {
  const url = new URL(href);
  url.searchParams.set("tab", tab);
  return `${url.pathname}${url.search}${url.hash}`;
}
