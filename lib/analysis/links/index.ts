export * from "./arn";
export * from "./alarm-message";
export * from "./console-url";
export * from "./resolve-query";
