import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { seed, waitForExecution } from "./fixtures/aws";
import { AUDIT_THEMES, AUDIT_VIEWPORTS, AuditedPage } from "./pages/audited-page";

// Every page kind at a desktop and a phone width, light and dark: no sideways scrolling of the page, no axe
// violation of impact serious or critical, no word split mid-word, and a screenshot of each for review.
// Checks are soft: one run reports every failing page, width and theme, not only the first.

interface AuditTarget {
  name: string;
  /** The URL to audit, found through the SDK or the app (never hard-coded execution names). */
  url: (page: Page) => Promise<string>;
  status: number;
}

const execution = (stateMachine: keyof typeof seed.stateMachines, status: "FAILED" | "TIMED_OUT", match: (e: { error?: string; input?: string }) => boolean = () => true) =>
  async () => {
    const found = await waitForExecution(seed.stateMachines[stateMachine].arn, status, match);
    return `/executions/${encodeURIComponent(found.executionArn!)}`;
  };

const timedOutAlarm = () => {
  const alarm = seed.alarms.find((a) => a.stateMachineName === "file-pipeline" && a.metricName === "ExecutionsTimedOut");
  if (!alarm) throw new Error("The sandbox seed has no ExecutionsTimedOut alarm on file-pipeline (sandbox/seed/file-pipeline.ts).");
  return alarm;
};

const TARGETS: AuditTarget[] = [
  { name: "fleet", url: async () => "/", status: 200 },
  { name: "state-machine", url: async () => `/state-machines/${encodeURIComponent(seed.stateMachines["file-pipeline"].arn)}`, status: 200 },
  {
    name: "signature",
    url: async (page) => {
      // The fleet lists signatures once the poller has indexed a failure: wait for one, then follow its link.
      await waitForExecution(seed.stateMachines["order-flow"].arn, "FAILED");
      await page.goto("/");
      const link = page.getByTestId("signature-row").first().getByRole("link").first();
      await expect(link).toBeVisible({ timeout: 60_000 });
      return (await link.getAttribute("href"))!;
    },
    status: 200,
  },
  { name: "execution-data-limit", url: execution("report-builder", "FAILED", (e) => e.error === "States.DataLimitExceeded"), status: 200 },
  { name: "execution-task-timeout", url: execution("file-pipeline", "FAILED", (e) => e.error === "States.Timeout"), status: 200 },
  { name: "execution-caught", url: execution("order-flow", "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? "")), status: 200 },
  { name: "execution-heartbeat", url: execution("callback-heartbeat", "FAILED", (e) => e.error === "States.Timeout"), status: 200 },
  { name: "execution-timed-out", url: execution("nightly-export", "TIMED_OUT"), status: 200 },
  {
    name: "alarm",
    url: async () => {
      const alarm = timedOutAlarm();
      await waitForExecution(alarm.stateMachineArn, "TIMED_OUT");
      return `/alarms/us-east-1/${encodeURIComponent(alarm.name)}`;
    },
    status: 200,
  },
  { name: "go-empty", url: async () => "/go", status: 200 },
  { name: "go-not-an-sfn-arn", url: async () => `/go?q=${encodeURIComponent("arn:aws:lambda:us-east-1:111111111111:function:nope")}`, status: 400 },
  {
    name: "not-found",
    url: async () => `/state-machines/${encodeURIComponent(seed.stateMachines["file-pipeline"].arn.replace(/:stateMachine:.*$/, ":stateMachine:no-such-machine"))}`,
    status: 404,
  },
  { name: "not-found-page", url: async () => "/no-such-page", status: 404 },
  { name: "bad-link", url: async () => `/executions/${encodeURIComponent("arn:aws:states:us-east-1:12345:execution:<script>alert(1)</script>")}`, status: 400 },
];

test.describe("visual audit", () => {
  for (const target of TARGETS) {
    test(`${target.name}: fits 1440 and 390 px, light and dark, with no serious axe violation and no word split mid-word`, async ({ page }) => {
      // Four loads with axe each, on a machine shared with other builds.
      test.setTimeout(360_000);
      const url = await target.url(page);
      const audited = new AuditedPage(page);
      for (const viewport of AUDIT_VIEWPORTS) {
        for (const theme of AUDIT_THEMES) {
          const at = `${target.name} at ${viewport.width} px, ${theme}`;
          const response = await audited.open(url, viewport, theme);
          expect.soft(response?.status(), `${at}: HTTP status`).toBe(target.status);
          await audited.screenshot(target.name, viewport.width, theme);

          const { scrollWidth, widest } = await audited.widths();
          expect.soft(scrollWidth, `${at}: page width (sticking out: ${widest.join(", ") || "none found outside scroll boxes"})`).toBeLessThanOrEqual(viewport.width);
          expect.soft(await audited.seriousAxeViolations(), `${at}: axe violations of impact serious or critical`).toEqual([]);
          expect.soft(await audited.breakAllElements(), `${at}: elements with word-break: break-all`).toEqual([]);
          expect.soft(await audited.hydrated(), `${at}: React hydrated the page`).toBe(true);
          expect.soft(audited.takeCspRefusals(), `${at}: scripts refused by the Content-Security-Policy`).toEqual([]);
        }
      }
    });
  }
});
