export * from "./state-graph-model";
export * from "./definition-error";
export * from "./read-definition";
export * from "./build-state-graph";
export * from "./overlay";
export * from "./retry-policy";
export * from "./choice-label";
export * from "./task-info";
// check-schema (asl-validator) is left out on purpose: server and CLI only, see its doc comment.
