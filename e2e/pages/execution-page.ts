import type { Locator, Page } from "@playwright/test";

/** One execution's triage page (`/executions/{arn}`), found by role. */
export class ExecutionPage {
  readonly heading: Locator;
  readonly consoleLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.consoleLink = page.getByRole("link", { name: "Open in the AWS console" });
  }

  async open(executionArn: string): Promise<void> {
    await this.page.goto(`/executions/${encodeURIComponent(executionArn)}`);
  }

  /** The button that fetches one payload on demand. */
  showPayload(field: string, eventId: number): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^Show ${field} of event ${eventId} `) });
  }

  /** The details panel of one state, opened from the graph. */
  stateDetails(stateName: string): Locator {
    return this.page.getByRole("region", { name: `State ${stateName}` });
  }
}
