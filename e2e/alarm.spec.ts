import type { Locator, Page } from "@playwright/test";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { expect, test } from "./fixtures/test";
import { seed, sfn, waitForExecution } from "./fixtures/aws";

const ACCOUNT = "123456789012";
const VIEWPORTS = [
  { width: 1440, height: 900, label: "1440" },
  { width: 390, height: 844, label: "390" },
];

/** CloudWatch's "dd/MM/yy HH:mm:ss" (UTC) of a datapoint in NewStateReason. */
function reasonTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** CloudWatch's "2026-12-01T20:35:51.000+0000". */
const cwTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");

/** An SNS alarm notification as CloudWatch publishes it, for a breaching datapoint whose period starts at `periodStartMs`. */
function snsNotification(alarm: { name: string; metricName: string; stateMachineArn: string }, periodStartMs: number, stateChangeMs: number, trigger: Record<string, unknown> = {}) {
  return {
    AlarmName: alarm.name,
    AlarmDescription: null,
    AWSAccountId: ACCOUNT,
    NewStateValue: "ALARM",
    NewStateReason: `Threshold Crossed: 1 out of the last 1 datapoints [1.0 (${reasonTime(periodStartMs)})] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).`,
    StateChangeTime: cwTime(stateChangeMs),
    Region: "US East (N. Virginia)",
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${alarm.name}`,
    OldStateValue: "OK",
    Trigger: {
      MetricName: alarm.metricName,
      Namespace: "AWS/States",
      StatisticType: "Statistic",
      Statistic: "SUM",
      Unit: null,
      Dimensions: [{ value: alarm.stateMachineArn, name: "StateMachineArn" }],
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1.0,
      TreatMissingData: "missing",
      ...trigger,
    },
  };
}

/** The element is on screen without scrolling: inside the viewport, and the page has not scrolled. */
async function expectAboveTheFold(page: Page, locator: Locator, what: string) {
  await expect(locator, what).toBeVisible();
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(await page.evaluate(() => window.scrollY), "the page has not scrolled").toBe(0);
  expect(box!.y, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} ends above the fold (${viewport.height} px)`).toBeLessThanOrEqual(viewport.height);
  expect(box!.x + Math.min(box!.width, 40), `${what} is not off to the right`).toBeLessThanOrEqual(viewport.width);
}

const timedOutAlarm = () => {
  const alarm = seed.alarms.find((a) => a.stateMachineName === "file-pipeline" && a.metricName === "ExecutionsTimedOut");
  if (!alarm) throw new Error("The sandbox seed has no ExecutionsTimedOut alarm on file-pipeline (sandbox/seed/file-pipeline.ts).");
  return alarm;
};

test.describe("alarm view", () => {
  test("an alarm JSON whose StateChangeTime is 80 s after the breaching datapoint lands on the TIMED_OUT execution that tripped it, above the fold", async ({ page }) => {
    const alarm = timedOutAlarm();
    const execution = await waitForExecution(alarm.stateMachineArn, "TIMED_OUT");
    const stopMs = execution.stopDate!.getTime();
    const periodStartMs = Math.floor(stopMs / 60_000) * 60_000;
    const stateChangeMs = stopMs + 80_000;
    // The old window, [StateChangeTime − Period, StateChangeTime], would not hold the execution.
    expect(stopMs).toBeLessThan(stateChangeMs - 60_000);

    // What the page must say, from the same analysis the execution page uses.
    const triage = (await (await page.request.get(`/api/executions/${encodeURIComponent(execution.executionArn!)}`)).json()) as { report: { failure: { error: string | null } | null } };
    expect(triage.report.failure?.error, "the TIMED_OUT execution has an error to show").toBeTruthy();
    // Every TIMED_OUT execution that closed in that minute tripped the alarm; the newest is shown first.
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: alarm.stateMachineArn, statusFilter: "TIMED_OUT", maxResults: 1000 }));
    const inPeriod = (listed.executions ?? []).filter((e) => e.stopDate && e.stopDate.getTime() >= periodStartMs && e.stopDate.getTime() < periodStartMs + 60_000).map((e) => e.name!);
    expect(inPeriod).toContain(execution.name);

    const q = JSON.stringify(snsNotification(alarm, periodStartMs, stateChangeMs));
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.goto(`/go?q=${encodeURIComponent(q)}`);
      await expect(page).toHaveURL(new RegExp(`/alarms/us-east-1/${alarm.name}\\?`));
      const url = new URL(page.url());
      expect(url.searchParams.get("from")).toBe(new Date(periodStartMs).toISOString());
      expect(url.searchParams.get("to")).toBe(new Date(periodStartMs + 60_000).toISOString());
      expect(url.searchParams.get("at")).toBe(new Date(stateChangeMs).toISOString());

      await expect(page.getByTestId("alarm-name")).toHaveText(alarm.name);
      const card = page.getByTestId("tripping-execution");
      await expect(card).toContainText("TIMED_OUT");
      const shown = (await page.getByTestId("tripping-link").textContent()) ?? "";
      expect(inPeriod).toContain(shown);
      const others = await page.getByTestId("tripping-others").locator("a").allTextContents().catch(() => []);
      expect([shown, ...others]).toContain(execution.name);

      await expect(page.getByTestId("tripping-error")).toHaveText(/\S/);
      await expectAboveTheFold(page, page.getByTestId("tripping-state"), "the failed state");
      await expectAboveTheFold(page, page.getByTestId("tripping-error"), "the error");
      await expectAboveTheFold(page, page.getByTestId("tripping-cause"), "the cause");
      await page.screenshot({ path: `e2e/screenshots/alarm-view-${viewport.label}.png` });
    }

    // The shared link on its own (a runbook, a chat message) shows the same execution.
    const link = page.url();
    await page.goto(link);
    await expect(page.getByTestId("tripping-execution")).toContainText("TIMED_OUT");
  });

  test("an EventBridge alarm state change event, POSTed to /api/go, lands on the same view", async ({ page }) => {
    const alarm = timedOutAlarm();
    const execution = await waitForExecution(alarm.stateMachineArn, "TIMED_OUT");
    const periodStartMs = Math.floor(execution.stopDate!.getTime() / 60_000) * 60_000;
    const event = {
      version: "0",
      id: "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
      "detail-type": "CloudWatch Alarm State Change",
      source: "aws.cloudwatch",
      account: ACCOUNT,
      time: new Date(execution.stopDate!.getTime() + 80_000).toISOString().replace(/\.\d+Z$/, "Z"),
      region: "us-east-1",
      resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${alarm.name}`],
      detail: {
        alarmName: alarm.name,
        configuration: { metrics: [{ id: "m1", metricStat: { metric: { dimensions: { StateMachineArn: alarm.stateMachineArn }, name: "ExecutionsTimedOut", namespace: "AWS/States" }, period: 60, stat: "Sum" }, returnData: true }] },
        state: {
          value: "ALARM",
          reason: `Threshold Crossed: 1 out of the last 1 datapoints [1.0 (${reasonTime(periodStartMs)})] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).`,
          reasonData: JSON.stringify({ version: "1.0", startDate: cwTime(periodStartMs), statistic: "Sum", period: 60, recentDatapoints: [1], threshold: 1, evaluatedDatapoints: [{ timestamp: cwTime(periodStartMs), sampleCount: 1, value: 1 }] }),
          timestamp: cwTime(execution.stopDate!.getTime() + 80_000),
        },
      },
    };
    const response = await page.request.post("/api/go", { data: JSON.stringify(event), headers: { "content-type": "application/json" } });
    expect(response.status()).toBe(200);
    const { location } = (await response.json()) as { location: string };
    expect(location).toContain(`/alarms/us-east-1/${alarm.name}?`);
    // The window is the evaluated datapoint's period, not [time − 60 s, time].
    const url = new URL(location, "http://x");
    expect(url.searchParams.get("from")).toBe(new Date(periodStartMs).toISOString());
    expect(url.searchParams.get("to")).toBe(new Date(periodStartMs + 60_000).toISOString());
    await page.goto(location);
    await expect(page.getByTestId("tripping-execution")).toContainText("TIMED_OUT");
    await expect(page.getByTestId("breach-window")).toContainText(new Date(periodStartMs).toISOString().slice(11, 19));
  });

  test("with nothing in the window it says so and shows the nearest executions, never an empty page", async ({ page }) => {
    const alarm = timedOutAlarm();
    await waitForExecution(alarm.stateMachineArn, "TIMED_OUT");
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: alarm.stateMachineArn, statusFilter: "TIMED_OUT", maxResults: 1000 }));
    const oldestStop = Math.min(...(listed.executions ?? []).map((e) => e.stopDate?.getTime() ?? Infinity));
    // Two minutes before the first timeout the sandbox ever had: no execution can match.
    const periodStartMs = Math.floor(oldestStop / 60_000) * 60_000 - 120_000;
    await page.goto(`/go?q=${encodeURIComponent(JSON.stringify(snsNotification(alarm, periodStartMs, periodStartMs + 140_000)))}`);
    await expect(page.getByTestId("no-match")).toContainText("No TIMED_OUT execution stopped in the breach window");
    await expect(page.getByTestId("nearest").locator("li").first()).toContainText("after the window");
    await page.screenshot({ path: "e2e/screenshots/alarm-view-no-match.png" });
  });

  test("a metric-math alarm (Metrics[]) uses its metric's period for the window", async ({ page }) => {
    const alarm = seed.alarms.find((a) => a.viaMetricsArray);
    if (!alarm) throw new Error("The sandbox seed has no metric-math alarm (order-flow-timed-out, sandbox/seed/order-flow.ts).");
    const periodStartMs = Math.floor(Date.now() / 300_000) * 300_000 - 300_000;
    const notification = snsNotification(alarm, periodStartMs, periodStartMs + 380_000, {
      MetricName: undefined,
      Namespace: undefined,
      Dimensions: undefined,
      Period: undefined,
      Metrics: [{ Id: "m1", ReturnData: true, MetricStat: { Metric: { Namespace: "AWS/States", MetricName: alarm.metricName, Dimensions: [{ value: alarm.stateMachineArn, name: "StateMachineArn" }] }, Period: alarm.periodS, Stat: "Sum" } }],
    });
    await page.goto(`/go?q=${encodeURIComponent(JSON.stringify(notification))}`);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/alarms/us-east-1/${alarm.name}`);
    expect(Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)).toBe(alarm.periodS * 1000);
    await expect(page.getByTestId("alarm-condition")).toContainText(alarm.metricName);
    // order-flow never times out in the sandbox: the page says so rather than showing nothing.
    await expect(page.getByTestId("no-match")).toBeVisible();
  });

  test("bad alarm links: unknown alarm 404, malformed link 400, javascript: refused without echo", async ({ page }) => {
    const unknown = await page.goto("/alarms/us-east-1/no-such-alarm-here");
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole("alert", { name: "No alarm no-such-alarm-here in us-east-1" })).toContainText("deleted or renamed");

    const malformed = await page.goto("/alarms/not-a-region/x?at=yesterday");
    expect(malformed?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("region");

    const api = await page.request.get("/api/alarms/us-east-1/x?from=2026-12-01T20:00:00Z");
    expect(api.status()).toBe(400);

    for (const q of ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>"]) {
      const response = await page.goto(`/go?q=${encodeURIComponent(q)}`);
      expect(response?.status()).toBe(400);
      const html = await page.content();
      expect(html).not.toContain("alert(");
      expect(html.toLowerCase()).not.toMatch(/javascript:alert|data:text\/html/);
    }
    const posted = await page.request.post("/api/go", { data: "javascript:alert(1)" });
    expect(posted.status()).toBe(400);
    expect(await posted.text()).not.toContain("alert(");
  });
});
