"use client";
import { ErrorPanel } from "@/components/common/error-panel";
import { usePathSegment } from "@/components/common/use-path-segment";
import { routes } from "@/lib/routes";

/** 404 for a failure signature the index doesn't hold (dropped by retention, or from another dashboard's index). */
export default function SignatureNotFound() {
  const id = usePathSegment(1);
  return (
    <ErrorPanel
      title="No such failure signature"
      message={`The failure index holds no signature ${id ? `"${id}"` : "of that id"}: its failures may have aged out of the retention window, or the link comes from another dashboard's index.`}
      todo="Open the fleet and pick the failure from its groups; widen the window to 7 days to see older ones."
      links={[
        { href: routes.fleet(), label: "The fleet" },
        { href: `${routes.fleet()}?window=7d`, label: "The fleet, last 7 days" },
      ]}
    />
  );
}
