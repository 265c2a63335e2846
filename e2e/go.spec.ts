import { expect, test } from "./fixtures/test";
import { seed, waitForExecution } from "./fixtures/aws";
import { AlarmViewPage } from "./pages/alarm-view-page";
import { StateMachinePage } from "./pages/state-machine-page";

test.describe("/go deep links", () => {
  test("resolves an execution ARN and a console URL to the execution page", async ({ page }) => {
    const pipeline = seed.stateMachines["file-pipeline"];
    const execution = await waitForExecution(pipeline.arn, "SUCCEEDED");
    const arn = execution.executionArn!;
    await page.goto(`/go?q=${encodeURIComponent(arn)}`);
    await expect(page).toHaveURL(`/executions/${encodeURIComponent(arn)}`);
    await expect(page.getByTestId("execution-status")).toHaveText("SUCCEEDED");

    const console = `https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/${arn}`;
    await page.goto(`/go?q=${encodeURIComponent(console)}`);
    await expect(page).toHaveURL(`/executions/${encodeURIComponent(arn)}`);
  });

  test("resolves a CloudWatch alarm notification to the alarm view with its breach window", async ({ page }) => {
    const alarm = seed.alarms[0]!;
    const notification = {
      AlarmName: alarm.name,
      NewStateValue: "ALARM",
      NewStateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (23/11/26 02:55:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
      StateChangeTime: "2026-11-23T03:01:20.000+0000",
      Region: "US East (N. Virginia)",
      Trigger: {
        MetricName: alarm.metricName,
        Namespace: "AWS/States",
        Statistic: "SUM",
        Dimensions: [{ value: alarm.stateMachineArn, name: "StateMachineArn" }],
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
      },
    };
    await page.goto(`/go?q=${encodeURIComponent(JSON.stringify(notification))}`);
    // No AlarmArn: the region comes from the state machine's ARN.
    await expect(page).toHaveURL(new RegExp(`/alarms/us-east-1/${alarm.name}\\?`));
    const url = new URL(page.url());
    // The window is the breaching datapoint's period, not [StateChangeTime − Period, StateChangeTime].
    expect(url.searchParams.get("from")).toBe("2026-11-23T02:55:00.000Z");
    expect(url.searchParams.get("to")).toBe("2026-11-23T03:00:00.000Z");
    expect(url.searchParams.get("at")).toBe("2026-11-23T03:01:20.000Z");
    await expect(page.getByTestId("alarm-name")).toHaveText(alarm.name);
    await page.screenshot({ path: "e2e/screenshots/alarm-from-notification.png", fullPage: true });
  });

  test("the state machine link an alarm already holds keeps working", async ({ page }) => {
    const alarm = seed.alarms[0]!;
    const sm = new StateMachinePage(page);
    await sm.open(alarm.stateMachineArn, { from: "2026-11-23T02:55:00.000Z", to: "2026-11-23T03:00:00.000Z" });
    await expect(sm.heading(alarm.stateMachineName)).toBeVisible();
  });

  test("resolves an alarm name and an alarm ARN through DescribeAlarms to the alarm view", async ({ page }) => {
    const alarm = seed.alarms[0]!;
    const view = new AlarmViewPage(page);
    await view.go(alarm.name);
    await expect(page).toHaveURL(new RegExp(`/alarms/us-east-1/${alarm.name}`));
    await expect(view.alarmName).toHaveText(alarm.name);
    await view.go(`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarm.name}`);
    await expect(view.alarmName).toHaveText(alarm.name);
  });

  test("a malformed ARN gets the 400 page saying what was expected", async ({ page }) => {
    const response = await page.goto(`/executions/${encodeURIComponent("arn:aws:states:us-east-1:12345:execution:<script>alert(1)</script>")}`);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("Expected");
    await expect(page.getByRole("alert")).toContainText("arn:aws:states:{region}:{account}");
    // The input is echoed as text, never as markup.
    await expect(page.locator("script", { hasText: "alert(1)" })).toHaveCount(0);
    await page.screenshot({ path: "e2e/screenshots/bad-link.png", fullPage: true });

    const go = await page.goto(`/go?q=${encodeURIComponent("arn:aws:lambda:us-east-1:111111111111:function:nope")}`);
    expect(go?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("lambda");
  });
});
