"use client";
import { ErrorPanel } from "@/components/common/error-panel";
import { usePathSegment } from "@/components/common/use-path-segment";
import { routes } from "@/lib/routes";

/** 404 for an alarm link: the alarm was deleted or renamed, or the region is wrong. Names both and links on. */
export default function AlarmNotFound() {
  const region = usePathSegment(1);
  const name = usePathSegment(2);
  const cloudWatch = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${encodeURIComponent(region)}#alarmsV2:`;
  return (
    <ErrorPanel
      title={name ? `No alarm ${name} in ${region}` : "No such alarm"}
      message={`CloudWatch has no metric alarm of that name in ${region || "that region"} of this account: it may have been deleted or renamed.`}
      todo="Paste the alarm's notification (its JSON) or its ARN below to look it up again, or find it in the CloudWatch console."
      links={[
        { href: routes.fleet(), label: "The fleet: state machines and the alarms that watch them" },
        { href: cloudWatch, label: `CloudWatch alarms in ${region}`, external: true },
      ]}
    />
  );
}
