import { ErrorPanel } from "@/components/common/error-panel";

/** 404: an unknown execution or state machine, or a page that doesn't exist. */
export default function NotFound() {
  return (
    <ErrorPanel
      title="Not found"
      message="AWS has no such execution or state machine in this account and region (or this page doesn't exist). Executions are kept 90 days after they close."
    />
  );
}
