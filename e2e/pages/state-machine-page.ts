import type { Locator, Page, Response } from "@playwright/test";

/** One state machine's page (`/state-machines/{arn}`), found by role. */
export class StateMachinePage {
  readonly findings: Locator;
  readonly alarmDescription: Locator;

  constructor(readonly page: Page) {
    this.findings = page.getByRole("list", { name: "Findings" });
    this.alarmDescription = page.getByRole("textbox", { name: /AlarmDescription/ });
  }

  /** Opens the page, with its window when given (the link an alarm holds). */
  async open(stateMachineArn: string, window: { from?: string; to?: string } = {}): Promise<Response | null> {
    const query = new URLSearchParams(Object.entries(window).filter((e): e is [string, string] => !!e[1])).toString();
    return this.page.goto(`/state-machines/${encodeURIComponent(stateMachineArn)}${query ? `?${query}` : ""}`);
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  /** A state's node in the graph. */
  node(state: string): Locator {
    return this.page.getByTestId(`state-node-${state}`);
  }

  /** The details panel of one state, opened from the graph. */
  stateDetails(state: string): Locator {
    return this.page.getByRole("region", { name: `State ${state}` });
  }
}
