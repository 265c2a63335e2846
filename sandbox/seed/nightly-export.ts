import { lambdaArn, type Workflow } from "./common";

/**
 * A nightly export that polls its job (Wait → Check → Choice loop) under a 20 s execution TimeoutSeconds.
 * A stuck job loops until the execution times out — and no alarm watches this state machine: the silent
 * timeout the dashboard exists to surface.
 */
export const nightlyExport: Workflow = {
  name: "nightly-export",
  description: "StartExport → WaitForExport → CheckExport → ExportDone? (loop); 20 s execution timeout; no alarm.",
  definition: {
    Comment: "Export yesterday's orders to the warehouse and wait for the export job.",
    TimeoutSeconds: 20,
    StartAt: "StartExport",
    States: {
      StartExport: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("start-export"), Payload: { "exportId.$": "$.exportId" } },
        ResultSelector: { "jobId.$": "$.Payload.exportId" },
        ResultPath: "$.job",
        TimeoutSeconds: 10,
        Next: "WaitForExport",
      },
      WaitForExport: { Type: "Wait", Seconds: 1, Next: "CheckExport" },
      CheckExport: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("check-export"), Payload: { "jobId.$": "$.job.jobId", "status.$": "$.simulate.jobStatus" } },
        ResultSelector: { "jobId.$": "$.Payload.jobId", "status.$": "$.Payload.status" },
        ResultPath: "$.job",
        Next: "ExportDone",
      },
      ExportDone: {
        Type: "Choice",
        Choices: [{ Variable: "$.job.status", StringEquals: "DONE", Next: "Exported" }],
        Default: "WaitForExport",
      },
      Exported: { Type: "Succeed" },
    },
  },
  scenarios: [
    {
      name: "ok",
      weight: 2,
      input: (n) => ({ exportId: `export-${n}`, simulate: { jobStatus: "DONE" } }),
      expect: { status: "SUCCEEDED", closesAfterS: 2, note: "the job is done at the first check" },
    },
    {
      name: "stuck-job",
      weight: 2,
      input: (n) => ({ exportId: `export-${n}`, simulate: { jobStatus: "RUNNING" } }),
      expect: { status: "TIMED_OUT", closesAfterS: 20, note: "polls until the 20 s execution timeout: ExecutionTimedOut, unalarmed" },
    },
  ],
  alarms: [],
};
