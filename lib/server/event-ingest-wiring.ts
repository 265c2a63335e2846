import "server-only";
import * as aws from "@/lib/aws";
import { EventIngest, eventsConfigFromEnv } from "./event-ingest";
import type { AwsPort } from "./aws-port";
import type { Budget } from "./budget";
import { serverConfig } from "./config";
import type { FleetPoller } from "./poller";
import type { FailureStore } from "./store/failure-store";

/**
 * The event consumer of the composition root, or null when SFN_TRIAGE_EVENTS_QUEUE_URL is not set. It reads
 * histories through the poller's face of the port (charged once, redacted when payloads are hidden) and only
 * for the regions the dashboard watches.
 */
export function eventIngestFromEnv(deps: { port: AwsPort; budget: Budget; store: Promise<FailureStore>; poller: FleetPoller; regions: () => string[]; now: () => number }): EventIngest | null {
  const initial = eventsConfigFromEnv(process.env, deps.regions()[0]);
  if (!initial) return null;
  const config = () => eventsConfigFromEnv(process.env, deps.regions()[0]) ?? initial;
  return new EventIngest(
    {
      receive: (opts) => aws.receiveMessages(config().queueUrl, config().region, opts),
      deleteMessages: (handles) => aws.deleteMessages(config().queueUrl, config().region, handles),
      changeVisibility: (handle, seconds) => aws.changeMessageVisibility(config().queueUrl, config().region, handle, seconds),
      store: deps.store,
      getExecutionHistoryPage: deps.port.getExecutionHistoryPage,
      budget: deps.budget,
      definitionOf: (arn) => deps.poller.definitionOf(arn),
      watches: (change) => deps.regions().includes(change.region),
      hidePayloads: () => serverConfig().hidePayloads,
      onIndexed: () => deps.poller.refreshIndex().catch(() => undefined),
      now: deps.now,
      log: (line) => console.log(line),
    },
    config,
  );
}
