import { callbackParameters, lambdaArn, type Workflow } from "./common";

/**
 * A shipping-label callback with HeartbeatSeconds 10: a worker that stops heart-beating (crashed mid-job) fails
 * the task with States.Timeout long before its 60 s TimeoutSeconds. Its alarm watches ExecutionsTimedOut, which
 * these failures never raise — watched, but on the wrong metric.
 */
export const callbackHeartbeat: Workflow = {
  name: "callback-heartbeat",
  description: "RequestLabel (callback, HeartbeatSeconds 10, TimeoutSeconds 60) → Dispatch.",
  definition: {
    Comment: "Buy a shipping label from a carrier integration that reports progress with heartbeats.",
    StartAt: "RequestLabel",
    States: {
      RequestLabel: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: callbackParameters("RequestLabel"),
        HeartbeatSeconds: 10,
        TimeoutSeconds: 60,
        ResultPath: "$.label",
        Next: "Dispatch",
      },
      Dispatch: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("dispatch-parcel"), Payload: { "parcelId.$": "$.parcelId" } },
        ResultSelector: { "statusCode.$": "$.StatusCode" },
        ResultPath: "$.dispatch",
        TimeoutSeconds: 20,
        End: true,
      },
    },
  },
  scenarios: [
    {
      name: "ok",
      weight: 3,
      input: (n) => ({ parcelId: `parcel-${n}`, simulate: { RequestLabel: "heartbeat" } }),
      expect: { status: "SUCCEEDED", closesAfterS: 1, note: "three heartbeats 0.2 s apart, then succeeds" },
    },
    {
      name: "missed-heartbeat",
      weight: 2,
      input: (n) => ({ parcelId: `parcel-${n}`, simulate: { RequestLabel: "miss-heartbeat" } }),
      expect: { status: "FAILED", error: "States.Timeout", closesAfterS: 10, note: "one heartbeat, then silence: TaskTimedOut after HeartbeatSeconds 10" },
    },
  ],
  alarms: [{ name: "callback-heartbeat-timed-out", metricName: "ExecutionsTimedOut", threshold: 1, periodS: 300 }],
};
