import { callbackParameters, lambdaArn, type Workflow } from "./common";

/**
 * An order flow: Parallel checks (inventory Lambda, fraud Choice, payment callback with a Retry), a Catch on the
 * Parallel that runs compensation and then a Fail state — the shape of most "FAILED after Catch" incidents.
 */
export const orderFlow: Workflow = {
  name: "order-flow",
  description: "Checks (Parallel: inventory, fraud, payment callback with Retry) → Ship; Catch → Compensate → OrderFailed (Fail).",
  definition: {
    Comment: "Place an order. Any failed check is compensated, then the order fails.",
    TimeoutSeconds: 60,
    StartAt: "Checks",
    States: {
      Checks: {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "CheckInventory",
            States: {
              CheckInventory: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { FunctionName: lambdaArn("check-inventory"), Payload: { "orderId.$": "$.orderId", "items.$": "$.items" } },
                ResultSelector: { reserved: true, "statusCode.$": "$.StatusCode" },
                TimeoutSeconds: 20,
                End: true,
              },
            },
          },
          {
            StartAt: "ScreenFraud",
            States: {
              ScreenFraud: {
                Type: "Choice",
                // IsPresent first: a Choice on a missing path is a States.Runtime error on AWS.
                Choices: [
                  {
                    And: [
                      { Variable: "$.simulate.fraud", IsPresent: true },
                      { Variable: "$.simulate.fraud", StringEquals: "flag" },
                    ],
                    Next: "FraudSuspected",
                  },
                ],
                Default: "FraudClear",
              },
              FraudSuspected: { Type: "Fail", Error: "Fraud.Suspected", Cause: "Risk score 97 is above the threshold of 80." },
              FraudClear: { Type: "Pass", Result: { score: 12 }, End: true },
            },
          },
          {
            StartAt: "AuthorizePayment",
            States: {
              AuthorizePayment: {
                Type: "Task",
                Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                Parameters: callbackParameters("AuthorizePayment"),
                TimeoutSeconds: 30,
                Retry: [{ ErrorEquals: ["Payment.GatewayTimeout"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
                End: true,
              },
            },
          },
        ],
        ResultPath: "$.checks",
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Compensate" }],
        Next: "ShipOrder",
      },
      ShipOrder: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("create-shipment"), Payload: { "orderId.$": "$.orderId" } },
        ResultSelector: { "shipmentFor.$": "$.Payload.orderId" },
        ResultPath: "$.shipment",
        Next: "Confirmed",
      },
      Confirmed: { Type: "Succeed" },
      Compensate: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("release-inventory"), Payload: { "orderId.$": "$.orderId", "reason.$": "$.error.Error" } },
        ResultSelector: { released: true },
        ResultPath: "$.compensation",
        TimeoutSeconds: 20,
        Next: "OrderFailed",
      },
      OrderFailed: { Type: "Fail", Error: "Order.Compensated", Cause: "A check failed; inventory was released and the payment voided." },
    },
  },
  scenarios: [
    {
      name: "ok",
      weight: 5,
      input: (n) => ({ orderId: `order-${n}`, items: [{ sku: "A-1", qty: 1 + (n % 3) }], simulate: { fraud: "clear" } }),
      expect: { status: "SUCCEEDED", closesAfterS: 2, note: "all three checks pass" },
    },
    {
      name: "payment-retried",
      weight: 2,
      input: (n) => ({ orderId: `order-${n}`, items: [{ sku: "B-2", qty: 1 }], simulate: { fraud: "clear", AuthorizePayment: "flaky" } }),
      expect: { status: "SUCCEEDED", closesAfterS: 3, note: "AuthorizePayment fails Payment.GatewayTimeout once; the Retry succeeds" },
    },
    {
      name: "payment-declined",
      weight: 2,
      input: (n) => ({ orderId: `order-${n}`, items: [{ sku: "C-3", qty: 2 }], simulate: { fraud: "clear", AuthorizePayment: "fail" } }),
      expect: { status: "FAILED", error: "Order.Compensated", closesAfterS: 2, note: "Payment.Declined → Catch → Compensate → OrderFailed" },
    },
    {
      name: "fraud-flagged",
      weight: 1,
      input: (n) => ({ orderId: `order-${n}`, items: [{ sku: "D-4", qty: 9 }], simulate: { fraud: "flag" } }),
      expect: { status: "FAILED", error: "Order.Compensated", closesAfterS: 2, note: "Fraud.Suspected (Fail in a branch) → Catch → Compensate → OrderFailed" },
    },
  ],
  alarms: [
    { name: "order-flow-failed", metricName: "ExecutionsFailed", threshold: 3, periodS: 300 },
    { name: "order-flow-timed-out", metricName: "ExecutionsTimedOut", threshold: 1, periodS: 300, viaMetricsArray: true },
  ],
};
