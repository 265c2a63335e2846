import type { Locator, Page } from "@playwright/test";

/** The fleet page (`/`), found by role: its tables, filters and freshness line. */
export class FleetPage {
  readonly stateMachines: Locator;
  readonly failingExecutions: Locator;
  readonly filters: Locator;
  readonly status: Locator;
  readonly stateMachine: Locator;
  readonly errorContains: Locator;
  readonly window: Locator;
  readonly freshness: Locator;

  constructor(readonly page: Page) {
    this.stateMachines = page.getByRole("table", { name: "State machines" });
    this.failingExecutions = page.getByRole("table", { name: "Failing executions" });
    this.filters = page.getByRole("form", { name: "Filters" });
    this.status = this.filters.getByRole("combobox", { name: "Status" });
    this.stateMachine = this.filters.getByRole("combobox", { name: "State machine" });
    this.errorContains = this.filters.getByRole("textbox", { name: "Error contains" });
    this.window = this.filters.getByRole("combobox", { name: "Window" });
    this.freshness = page.getByRole("status").filter({ hasText: /Last updated|Waiting for the first poll|No data yet/ });
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(query ? `/?${query}` : "/");
  }

  /** The row of one execution in the failing-executions table, by its name. */
  execution(name: string): Locator {
    return this.failingExecutions.getByRole("row").filter({ hasText: name });
  }
}
