import { expect, test } from "./fixtures/test";
import { seed, waitForExecution } from "./fixtures/aws";

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

  test("resolves a CloudWatch alarm notification to the state machine with the alarm's window", async ({ page }) => {
    const alarm = seed.alarms[0]!;
    const notification = {
      AlarmName: alarm.name,
      NewStateValue: "ALARM",
      StateChangeTime: "2026-11-23T03:00:00.000+0000",
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
    await expect(page).toHaveURL(/\/state-machines\/arn%3Aaws%3Astates%3A/);
    const url = new URL(page.url());
    expect(decodeURIComponent(url.pathname.split("/")[2]!)).toBe(alarm.stateMachineArn);
    expect(url.searchParams.get("from")).toBe("2026-11-23T02:55:00.000Z");
    expect(url.searchParams.get("to")).toBe("2026-11-23T03:00:00.000Z");
    await expect(page.getByRole("heading", { level: 1, name: alarm.stateMachineName })).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/state-machine-from-alarm.png", fullPage: true });
  });

  test("resolves an alarm name through DescribeAlarms", async ({ page }) => {
    const alarm = seed.alarms[0]!;
    await page.goto(`/go?q=${encodeURIComponent(alarm.name)}`);
    await expect(page.getByRole("heading", { level: 1, name: alarm.stateMachineName })).toBeVisible();
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
