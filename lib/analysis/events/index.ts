// Step Functions status-change events from EventBridge: parsing and the merge rule (pure; lib/server/event-ingest.ts runs them).
export { parseStatusChange, parseStatusChangeMessage, STATUS_CHANGE_DETAIL_TYPE, STATUS_CHANGE_SOURCE } from "./status-change";
export type { ExecutionStatusChange, StatusChangeParse } from "./status-change";
export { changesAnything, failedAttempts, foldStatusChanges, isClosedStatus, mergeStatusChange } from "./merge";
