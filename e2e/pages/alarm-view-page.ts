import type { Locator, Page } from "@playwright/test";

/** The alarm view (`/alarms/{region}/{name}`), reached from `/go` with an alarm. */
export class AlarmViewPage {
  readonly alarmName: Locator;

  constructor(readonly page: Page) {
    this.alarmName = page.getByTestId("alarm-name");
  }

  /** Pastes `q` into `/go`, as an alarm link does. */
  async go(q: string): Promise<void> {
    await this.page.goto(`/go?q=${encodeURIComponent(q)}`);
  }
}
