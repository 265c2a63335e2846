import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { seed, waitForExecution } from "./fixtures/aws";
import { ExecutionPage } from "./pages/execution-page";
import { StateGraphView } from "./pages/graph";
import { StateMachinePage } from "./pages/state-machine-page";

const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;
/** The bar: a label's font size times React Flow's zoom, at the opening view. */
const MIN_LABEL_PX = 11;

/** Checks every opening-view promise, then saves light and dark screenshots of the graph. */
async function checkOpening(page: Page, graph: StateGraphView, focus: string, shot: string) {
  await graph.ready();
  const scale = await graph.scale();
  const label = await graph.smallestLabelPx();
  expect(label * scale, `smallest label ${label} px × zoom ${scale}`).toBeGreaterThanOrEqual(MIN_LABEL_PX);
  expect(await graph.insideCanvas(graph.node(focus)), `${focus} is inside the canvas at opening`).toBe(true);
  expect(await graph.overflowingNodes(), "nodes whose content overflows their box").toEqual([]);
  // The canvas grows with the definition, up to the viewport's height.
  const canvas = (await graph.canvas.boundingBox())!;
  expect(canvas.height).toBeGreaterThanOrEqual(260);
  expect(canvas.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    // Zoom buttons take the theme's colours: their icon differs from their background in both themes.
    const zoomIn = await graph.zoomIn.evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, fg: getComputedStyle(b).color, fill: getComputedStyle(b.querySelector("svg")!).fill }));
    expect(zoomIn.fill, `zoom-in icon vs its button in ${theme}`).not.toBe(zoomIn.bg);
    if (theme === "dark") expect(zoomIn.bg, "zoom buttons are not white squares in dark mode").not.toBe("rgb(255, 255, 255)");
    await graph.canvas.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/screenshots/graph-${shot}-${page.viewportSize()!.width}-${theme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** The fit button shows every node inside the canvas. */
async function checkFit(graph: StateGraphView) {
  await graph.fitButton.click();
  await graph.ready();
  const nodes = graph.canvas.locator("[data-testid^='state-node-']");
  const count = await nodes.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) expect(await graph.insideCanvas(nodes.nth(i)), `node ${i} after fit`).toBe(true);
}

for (const size of SIZES) {
  test.describe(`state graph at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test("a timed-out Transform: opens readable on the failed state, badges whole, fit one click away", async ({ page }) => {
      const pipeline = seed.stateMachines["file-pipeline"];
      const failed = await waitForExecution(pipeline.arn, "FAILED", (e) => e.error === "States.Timeout");
      await new ExecutionPage(page).open(failed.executionArn!);
      const graph = new StateGraphView(page);
      const origin = (await page.locator("[data-testid^='state-node-'][data-origin='true']").getAttribute("data-testid"))!.replace("state-node-", "");
      await checkOpening(page, graph, origin, "execution-timeout");
      // Transform's findings badge (it was clipped by fixed-height nodes): visible and inside its node.
      const warnings = graph.node("Transform").getByText(/⚠ \d+ warnings?/);
      await expect(warnings).toBeVisible();
      const [badge, node] = [(await warnings.boundingBox())!, (await graph.node("Transform").boundingBox())!];
      expect(badge.y + badge.height).toBeLessThanOrEqual(node.y + node.height);
      await checkFit(graph);
    });

    test("Catch → Fail in a Parallel: opens on the origin, a branch can be focused, the header shows focus", async ({ page }) => {
      const orderFlow = seed.stateMachines["order-flow"];
      const failed = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
      await new ExecutionPage(page).open(failed.executionArn!);
      const graph = new StateGraphView(page);
      const origin = (await page.locator("[data-testid^='state-node-'][data-origin='true']").getAttribute("data-testid"))!.replace("state-node-", "");
      await checkOpening(page, graph, origin, "execution-parallel");
      const parallel = page.locator("[data-testid^='state-node-'][data-state-type='Parallel']").first();
      await parallel.focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Shift+Tab");
      const outline = await parallel.evaluate((b) => ({ style: getComputedStyle(b).outlineStyle, width: parseFloat(getComputedStyle(b).outlineWidth) }));
      expect(outline.style).not.toBe("none");
      expect(outline.width).toBeGreaterThanOrEqual(2);
      // Focus the origin's branch: a state of another branch is dimmed, the origin is not.
      const select = page.getByLabel("Focus branch");
      const options = await select.locator("option").allTextContents();
      expect(options.length).toBeGreaterThan(2);
      const originName = origin.split("/").at(-1)!;
      const branchCount = options.length - 1;
      let dimmedOther = false;
      for (let b = 1; b <= branchCount && !dimmedOther; b++) {
        await select.selectOption({ index: b });
        const opacity = (path: string) => graph.node(path).evaluate((el) => Number(getComputedStyle(el.closest(".react-flow__node")!).opacity));
        if ((await opacity(origin)) < 0.5) continue;
        const others = await page.locator("[data-testid^='state-node-']").evaluateAll((els) =>
          els.filter((el) => Number(getComputedStyle(el.closest(".react-flow__node")!).opacity) < 0.5).map((el) => el.getAttribute("data-testid")),
        );
        dimmedOther = others.length > 0 && !others.includes(`state-node-${origin}`);
      }
      expect(dimmedOther, `focusing ${originName}'s branch dims the other branches`).toBe(true);
      await page.screenshot({ path: `e2e/screenshots/graph-branch-focus-${size.width}-light.png` });
      await select.selectOption({ index: 0 });
    });

    test("an inline Map: the iteration picker paints one iteration", async ({ page }) => {
      const batch = seed.stateMachines["batch-map"];
      const done = await waitForExecution(batch.arn, "SUCCEEDED");
      await new ExecutionPage(page).open(done.executionArn!);
      const graph = new StateGraphView(page);
      await checkOpening(page, graph, (await page.locator("[data-testid^='state-node-']").first().getAttribute("data-testid"))!.replace("state-node-", ""), "execution-map");
      const picker = page.getByLabel("Map iteration");
      await picker.selectOption({ index: 1 });
      await expect(page.getByRole("status").filter({ hasText: /Showing iteration 0 of/ })).toBeVisible();
      const inner = page.locator("[data-testid^='state-node-'][data-testid*='/']").first();
      await expect(inner).toHaveAttribute("data-outcome", "succeeded");
      await page.screenshot({ path: `e2e/screenshots/graph-map-iteration-${size.width}-light.png` });
    });

    test("the state machine page: opens on the start state, readable", async ({ page }) => {
      const pipeline = seed.stateMachines["file-pipeline"];
      await new StateMachinePage(page).open(pipeline.arn);
      const graph = new StateGraphView(page);
      await checkOpening(page, graph, "Validate", "state-machine");
      await checkFit(graph);
    });
  });
}
