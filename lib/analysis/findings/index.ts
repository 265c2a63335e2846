export * from "./finding";
export * from "./find-findings";
export * from "./rules";
export { estimateEventsPerItem } from "./estimate-map-events";
export { RETRY_WAIT_LIMIT_SECONDS } from "./retry-findings";
