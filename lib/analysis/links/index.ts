export * from "./arn";
export * from "./alarm-message";
export * from "./console-url";
export * from "./resolve-query";
export * from "./alarm-path";
export * from "./alarm-window";
export * from "./breach-window";
