import { expect, type Locator, type Page } from "@playwright/test";

/** A box on screen. */
export interface ScreenBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The state graph on a page (components/graph), found by test id and role. */
export class StateGraphView {
  readonly canvas: Locator;
  readonly fitButton: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId("state-graph");
    this.fitButton = page.getByRole("button", { name: "Fit whole graph" }).first();
    this.zoomIn = page.getByRole("button", { name: "Zoom in" });
    this.zoomOut = page.getByRole("button", { name: "Zoom out" });
  }

  node(path: string): Locator {
    return this.page.getByTestId(`state-node-${path}`);
  }

  /** Waits until the layout is drawn and the opening view is set (the viewport stops changing). */
  async ready(): Promise<void> {
    await expect(this.canvas.locator(".react-flow__node").first()).toBeVisible();
    let last = "";
    await expect
      .poll(async () => {
        const now = await this.transform();
        const settled = now === last && now !== "";
        last = now;
        return settled;
      }, { intervals: [250] })
      .toBe(true);
  }

  async transform(): Promise<string> {
    return this.canvas.locator(".react-flow__viewport").evaluate((el) => getComputedStyle(el).transform);
  }

  /** React Flow's zoom, read from the viewport's transform matrix. */
  async scale(): Promise<number> {
    const matrix = await this.transform();
    const m = /matrix\(([^)]+)\)/.exec(matrix);
    if (!m) throw new Error(`Unreadable viewport transform: ${matrix}`);
    return Number(m[1]!.split(",")[0]);
  }

  /** The smallest font size (CSS px) of the state labels drawn: names, kinds, outcomes and badges. */
  async smallestLabelPx(): Promise<number> {
    return this.canvas.locator(".react-flow__node").evaluateAll((nodes) => {
      let smallest = Infinity;
      for (const node of nodes) {
        for (const el of node.querySelectorAll("button, button *")) {
          // Only elements that draw text themselves (a direct, non-empty text node).
          const drawsText = [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? "").trim() !== "");
          if (drawsText) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
        }
      }
      return smallest;
    });
  }

  /** Node test ids whose content is larger than their box (scroll size over client size). */
  async overflowingNodes(): Promise<string[]> {
    return this.canvas.locator("[data-testid^='state-node-']").evaluateAll((buttons) =>
      buttons.filter((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1).map((b) => `${b.getAttribute("data-testid")} ${b.scrollWidth}x${b.scrollHeight} in ${b.clientWidth}x${b.clientHeight}`),
    );
  }

  /** True when `inner` lies inside the canvas on screen. */
  async insideCanvas(inner: Locator): Promise<boolean> {
    const [box, canvas] = await Promise.all([inner.boundingBox(), this.canvas.boundingBox()]);
    if (!box || !canvas) return false;
    return box.x >= canvas.x - 1 && box.y >= canvas.y - 1 && box.x + box.width <= canvas.x + canvas.width + 1 && box.y + box.height <= canvas.y + canvas.height + 1;
  }
}
