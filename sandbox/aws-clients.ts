import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";

/** The region everything in the sandbox lives in. */
export const SANDBOX_REGION = "us-east-1";
/** moto's default account: every ARN the sandbox makes carries it. */
export const SANDBOX_ACCOUNT_ID = "123456789012";
/** Dummy credentials; moto checks none. */
export const SANDBOX_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const;

/** SDK clients aimed straight at moto (not the gateway): the sandbox's own traffic must not count in stats or meet faults. */
export interface MotoClients {
  sfn: SFNClient;
  cloudwatch: CloudWatchClient;
  sqs: SQSClient;
  events: EventBridgeClient;
  destroy(): void;
}

/** Build the three clients the sandbox itself uses, for an endpoint such as http://127.0.0.1:5000. */
export function createMotoClients(endpoint: string): MotoClients {
  const config = { endpoint, region: SANDBOX_REGION, credentials: SANDBOX_CREDENTIALS, maxAttempts: 3 };
  const sfn = new SFNClient(config);
  // Gzipping large PutMetricData bodies only costs CPU on a loopback link to moto.
  const cloudwatch = new CloudWatchClient({ ...config, disableRequestCompression: true });
  const sqs = new SQSClient(config);
  const events = new EventBridgeClient(config);
  return {
    sfn,
    cloudwatch,
    sqs,
    events,
    destroy() {
      events.destroy();
      sfn.destroy();
      cloudwatch.destroy();
      sqs.destroy();
    },
  };
}
