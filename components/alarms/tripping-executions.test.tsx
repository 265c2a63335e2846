import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AlarmExecution, AlarmView } from "@/lib/domain/alarm-view";
import { describeCondition, describeLateness, periodText } from "./describe-alarm";
import { TrippingExecutions } from "./tripping-executions";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:file-pipeline";
const exec = (name: string, offsetMs: number): AlarmExecution => ({
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:file-pipeline:${name}`,
  stateMachineArn: SM,
  name,
  status: "TIMED_OUT",
  startDate: "2026-12-01T20:34:01.000Z",
  stopDate: "2026-12-01T20:34:31.000Z",
  offsetMs,
});

const view = (fields: Partial<AlarmView>): AlarmView =>
  ({
    alarm: { alarmName: "file-pipeline-timed-out", metricName: "ExecutionsTimedOut", statistic: "Sum", comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1, periodSeconds: 60 },
    stateMachineArn: SM,
    statuses: ["TIMED_OUT"],
    metricNames: ["ExecutionsTimedOut"],
    at: "2026-12-01T20:35:51.000Z",
    breach: { periodSeconds: 60, datapoints: [], from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "link" },
    breachUnknown: null,
    tripping: [],
    newestFailure: null,
    nearest: { before: [], after: [] },
    listing: { pages: 1, reachedBeforeWindow: true },
    problem: null,
    fetchedAt: "2026-12-01T21:00:00.000Z",
    ...fields,
  }) as AlarmView;

describe("TrippingExecutions", () => {
  it("puts the newest tripping execution's failed state, error and cause first, as text", () => {
    const html = renderToStaticMarkup(
      <TrippingExecutions
        view={view({
          tripping: [exec("tripped", 0), exec("older", 0)],
          newestFailure: { executionArn: exec("tripped", 0).executionArn, headline: "The execution timed out after 30 s while in Archive", state: "Archive", error: "States.Timeout", cause: "<b>not markup</b>", kind: "execution-timeout", unavailable: null },
        })}
      />,
    );
    expect(html.indexOf('data-testid="tripping-execution"')).toBeLessThan(html.indexOf('data-testid="tripping-others"'));
    expect(html).toContain("The execution timed out after 30 s while in Archive");
    expect(html).toContain(">Archive<");
    expect(html).toContain("States.Timeout");
    expect(html).toContain("&lt;b&gt;not markup&lt;/b&gt;");
    expect(html).toContain("1 more TIMED_OUT execution stopped in the breach window");
  });

  it("says when nothing matched and lists the nearest either side with their distance", () => {
    const html = renderToStaticMarkup(<TrippingExecutions view={view({ nearest: { before: [exec("before", -41_000)], after: [exec("after", 12_000)] } })} />);
    expect(html).toContain("No TIMED_OUT execution stopped in the breach window");
    expect(html).toContain("41 s before the window");
    expect(html).toContain("12 s after the window");
  });

  it("names the problem of an alarm that watches no state machine", () => {
    expect(renderToStaticMarkup(<TrippingExecutions view={view({ problem: "This alarm watches AWS/Lambda, not AWS/States." })} />)).toContain("AWS/Lambda, not AWS/States");
  });
});

describe("describe-alarm", () => {
  it("words the condition, the period and the evaluation delay", () => {
    expect(periodText(60)).toBe("60 s");
    expect(periodText(300)).toBe("5 min");
    expect(periodText(90)).toBe("90 s");
    expect(describeCondition(view({}).alarm, ["ExecutionsTimedOut"], 60)).toBe("ExecutionsTimedOut Sum ≥ 1 per 60 s, 1 of 1 period");
    expect(describeLateness(view({}).breach, "2026-12-01T20:35:51.000Z")).toBe("51 s after the breach window ended");
  });
});
