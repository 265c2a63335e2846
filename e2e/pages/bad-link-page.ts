import type { Locator, Page, Response } from "@playwright/test";

/** The 400 page a malformed link gets (lib/server/bad-link-page.ts), found by role. */
export class BadLinkPage {
  readonly explanation: Locator;
  readonly heading: Locator;
  readonly searchAgain: Locator;
  readonly query: Locator;

  constructor(readonly page: Page) {
    this.explanation = page.getByRole("alert");
    this.heading = this.explanation.getByRole("heading", { level: 1 });
    this.searchAgain = page.getByRole("search", { name: "Search again" });
    this.query = this.searchAgain.getByRole("textbox");
  }

  /** Open a link; resolves with the navigation's response (its status is the point). */
  async open(url: string): Promise<Response | null> {
    return this.page.goto(url);
  }

  /** Inline scripts whose text carries `marker`: any is input rendered as live markup. */
  async inlineScriptsContaining(marker: string): Promise<number> {
    return this.page.locator("script:not([src])").evaluateAll((nodes, m) => nodes.filter((n) => n.textContent?.includes(m)).length, marker);
  }
}
