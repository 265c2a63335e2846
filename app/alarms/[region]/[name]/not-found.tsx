import { ErrorPanel } from "@/components/common/error-panel";

/** 404 for an alarm link: the alarm was deleted or renamed, or the region is wrong. */
export default function AlarmNotFound() {
  return (
    <ErrorPanel
      title="No such alarm"
      message="CloudWatch has no metric alarm of that name in that region of this account: it may have been deleted or renamed. Paste the alarm's notification or its ARN below to look it up again."
    />
  );
}
