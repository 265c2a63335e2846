import type { Locator, Page } from "@playwright/test";

/** The execution page's tabs, as `?tab=` names them. */
export type ExecutionTabName = "graph" | "events" | "states" | "payloads" | "cost";
const LABEL: Record<ExecutionTabName, string> = { graph: "Graph", events: "Events", states: "States", payloads: "Payloads", cost: "Cost" };

/** One execution's triage page (`/executions/{arn}`), found by role. */
export class ExecutionPage {
  readonly heading: Locator;
  readonly consoleLink: Locator;
  readonly tabList: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.consoleLink = page.getByRole("link", { name: "Open in the AWS console" });
    this.tabList = page.getByRole("tablist", { name: "Execution evidence" });
  }

  /** The page's path, with `?tab=` when one is asked for. */
  static url(executionArn: string, tab?: ExecutionTabName): string {
    return `/executions/${encodeURIComponent(executionArn)}${tab ? `?tab=${tab}` : ""}`;
  }

  async open(executionArn: string, tab?: ExecutionTabName): Promise<void> {
    await this.page.goto(ExecutionPage.url(executionArn, tab));
  }

  /** A tab of the evidence (its name starts with the label; a figure may follow). */
  tab(name: ExecutionTabName): Locator {
    return this.tabList.getByRole("tab", { name: new RegExp(`^${LABEL[name]}`) });
  }

  /** The open tab's panel. */
  get panel(): Locator {
    return this.page.getByRole("tabpanel");
  }

  /** Opens a tab by clicking it, as a reader would. */
  async select(name: ExecutionTabName): Promise<void> {
    await this.tab(name).click();
  }

  /** The button that fetches one payload on demand. */
  showPayload(field: string, eventId: number): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^Show ${field} of event ${eventId} `) });
  }

  /** The details panel of one state, opened from the graph. */
  stateDetails(stateName: string): Locator {
    return this.page.getByRole("region", { name: `State ${stateName}` });
  }

  /** The States tab's rows, one per state visit. */
  get visitRows(): Locator {
    return this.page.getByTestId("state-visit-row");
  }
}
