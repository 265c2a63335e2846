"use client";
import { useSearchParams } from "next/navigation";
import { ErrorPanel } from "@/components/common/error-panel";
import { routes } from "@/lib/routes";

/** 404 for /go: the query was an alarm name (or notification) that no watched region has. */
export default function GoNotFound() {
  const q = useSearchParams()?.get("q") ?? "";
  return (
    <ErrorPanel
      title="No alarm of that name"
      message="It reads as a CloudWatch alarm name, and no region this dashboard watches has a metric alarm of that name."
      todo="Check the name (it is case-sensitive), paste the alarm's ARN or its notification JSON instead, or add its region to SFN_TRIAGE_REGIONS."
      links={[{ href: routes.fleet(), label: "The fleet: state machines and the alarms that watch them" }]}
      query={q}
    />
  );
}
