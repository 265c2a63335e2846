import { lambdaArn, type Workflow } from "./common";

/** Bytes of one rendered page: the Lambda echoes it back, so N pages weigh about N × this. */
export const PAGE_TEMPLATE_BYTES = 8_000;
const PAGE_OPEN = '<section class="page">';
const PAGE_CLOSE = "</section>";
const PAGE_TEMPLATE = PAGE_OPEN + "r".repeat(PAGE_TEMPLATE_BYTES - PAGE_OPEN.length - PAGE_CLOSE.length) + PAGE_CLOSE;

/** Page counts: results weigh ≈ 2 × pages × 8 KB, so 14 pages sit near the 256 KiB cap and 18 cross it. */
export const REPORT_PAGES = { small: 3, nearCap: 14, overCap: 18 } as const;

function pages(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * A report builder whose Assemble step returns every rendered page twice (body + preview): fine for small
 * reports, close to the 256 KiB cap at 14 pages, and States.DataLimitExceeded from the Task at 18.
 */
export const reportBuilder: Workflow = {
  name: "report-builder",
  description: "LoadTemplate → RenderPages (inline Map of lambda:invoke) → Assemble (lambda result grows with pages) → Publish.",
  definition: {
    Comment: "Render a customer report page by page, then assemble it. The assembled result travels in the state payload.",
    StartAt: "LoadTemplate",
    States: {
      LoadTemplate: {
        Type: "Pass",
        Result: { html: PAGE_TEMPLATE },
        ResultPath: "$.template",
        Next: "RenderPages",
      },
      RenderPages: {
        Type: "Map",
        ItemsPath: "$.pages",
        MaxConcurrency: 4,
        ItemSelector: { "page.$": "$$.Map.Item.Value", "html.$": "$.template.html" },
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "RenderPage",
          States: {
            RenderPage: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              Parameters: { FunctionName: lambdaArn("render-page"), "Payload.$": "$" },
              OutputPath: "$.Payload",
              TimeoutSeconds: 10,
              Retry: [{ ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
              End: true,
            },
          },
        },
        ResultPath: "$.rendered",
        Next: "Assemble",
      },
      Assemble: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("assemble-report"), Payload: { "reportId.$": "$.reportId", "pages.$": "$.rendered", "preview.$": "$.rendered" } },
        ResultSelector: { "reportId.$": "$.Payload.reportId", "statusCode.$": "$.StatusCode" },
        ResultPath: "$.report",
        Next: "Publish",
      },
      Publish: {
        Type: "Pass",
        Parameters: { "reportId.$": "$.reportId", "pageCount.$": "States.ArrayLength($.rendered)" },
        End: true,
      },
    },
  },
  scenarios: [
    {
      name: "small",
      weight: 3,
      input: (n) => ({ reportId: `report-${n}`, pages: pages(REPORT_PAGES.small) }),
      expect: { status: "SUCCEEDED", closesAfterS: 2, note: "≈ 50 KB through Assemble" },
    },
    {
      name: "near-cap",
      weight: 2,
      input: (n) => ({ reportId: `report-${n}`, pages: pages(REPORT_PAGES.nearCap) }),
      expect: { status: "SUCCEEDED", closesAfterS: 3, note: "Assemble's result ≈ 225 KB: the payload creeping toward 262,144 bytes" },
    },
    {
      name: "over-cap",
      weight: 1,
      input: (n) => ({ reportId: `report-${n}`, pages: pages(REPORT_PAGES.overCap) }),
      expect: { status: "FAILED", error: "States.DataLimitExceeded", closesAfterS: 3, note: "Assemble's lambda result > 256 KiB: TaskFailed States.DataLimitExceeded" },
    },
  ],
  alarms: [{ name: "report-builder-failed", metricName: "ExecutionsFailed", threshold: 1, periodS: 300 }],
};
