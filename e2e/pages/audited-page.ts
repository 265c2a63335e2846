import AxeBuilder from "@axe-core/playwright";
import type { Page, Response } from "@playwright/test";

export type Theme = "light" | "dark";
export const AUDIT_VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;
export const AUDIT_THEMES: readonly Theme[] = ["light", "dark"];

/** One axe finding, as the audit reports it: rule id, impact and the first few offending elements. */
export interface AxeFinding {
  id: string;
  impact: string;
  targets: string[];
}

/** Any page of the app, opened at a viewport and colour scheme, with the checks the visual audit makes. */
export class AuditedPage {
  private readonly refusedByCsp: string[] = [];

  constructor(readonly page: Page) {
    // A script the Content-Security-Policy refuses leaves the page unhydrated (a prerendered page carries no nonce).
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/.test(message.text())) this.refusedByCsp.push(message.text().slice(0, 160));
    });
  }

  /** What the CSP refused since the last call (and forgets it), so each load is judged on its own. */
  takeCspRefusals(): string[] {
    return this.refusedByCsp.splice(0);
  }

  /** True once React has hydrated the page (components/common/hydration-mark.tsx), or when it is plain HTML (the 400 pages carry no script). */
  async hydrated(): Promise<boolean> {
    if ((await this.page.locator('script[src*="/_next/"]').count()) === 0) return true;
    await this.page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 30_000 }).catch(() => undefined);
    return this.page.evaluate(() => document.documentElement.dataset.hydrated !== undefined);
  }

  /** Sets the viewport and the colour scheme, then opens `url` and waits for the lazy panels (graph, charts) to load. */
  async open(url: string, viewport: { width: number; height: number }, theme: Theme): Promise<Response | null> {
    await this.page.setViewportSize(viewport);
    await this.page.emulateMedia({ colorScheme: theme });
    const response = await this.page.goto(url);
    await this.settle();
    return response;
  }

  /** Waits until no "Loading …" placeholder of a lazy component is left and the network is quiet. */
  async settle(): Promise<void> {
    await this.page.getByRole("main").waitFor();
    await this.page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((e) => /^Loading /.test(e.textContent ?? "")), null, { timeout: 30_000 });
    // Not "networkidle": the pages poll (react-query refetch intervals), so the network is never idle for long.
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
  }

  /** The document's width against the viewport's: a page wider than the screen scrolls sideways. */
  async widths(): Promise<{ scrollWidth: number; viewport: number; widest: string[] }> {
    return this.page.evaluate(() => {
      const viewport = window.innerWidth;
      // The elements that stick out, to say in the failure what to fix.
      const widest = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > viewport + 1 && !e.closest(".table-scroll, [class*='scroll'], .react-flow"))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.split(" ")[0]}` : ""} (right ${Math.round(e.getBoundingClientRect().right)} px)`);
      return { scrollWidth: document.documentElement.scrollWidth, viewport, widest };
    });
  }

  /** Axe violations of impact serious or critical (WCAG 2.2 A and AA rules). */
  async seriousAxeViolations(): Promise<AxeFinding[]> {
    const result = await new AxeBuilder({ page: this.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact ?? "", targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  }

  /** Elements with text whose computed word-break is break-all (which splits words anywhere: "Ord erFailed"). */
  async breakAllElements(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => getComputedStyle(e).wordBreak === "break-all" && (e.textContent ?? "").trim().length > 0)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${typeof e.className === "string" && e.className ? `.${e.className.split(" ")[0]}` : ""}: "${(e.textContent ?? "").trim().slice(0, 40)}"`),
    );
  }

  /** A full-page screenshot for review, at e2e/screenshots/<name>-<width>-<theme>.png. */
  async screenshot(name: string, width: number, theme: Theme): Promise<void> {
    await this.page.screenshot({ path: `e2e/screenshots/${name}-${width}-${theme}.png`, fullPage: true });
  }
}
