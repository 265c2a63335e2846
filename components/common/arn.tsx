import { Fragment } from "react";

/** An ARN (or any long identifier) that may wrap after each ':' and '/', never inside a name. */
export function Arn({ value, className }: { value: string; className?: string }) {
  const parts = value.split(/(?<=[:/])/);
  return (
    <span className={className ? `arn ${className}` : "arn"}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </span>
  );
}
