import { ErrorPanel } from "@/components/common/error-panel";
import { routes } from "@/lib/routes";

/** 404: a page that doesn't exist here (executions, state machines and alarms have their own, naming what is missing). */
export default function NotFound() {
  return (
    <ErrorPanel
      title="No such page"
      message="This dashboard has no page at this address."
      todo="Paste an execution or state machine ARN, a console link or an alarm name below, or start from the fleet."
      links={[{ href: routes.fleet(), label: "The fleet" }]}
    />
  );
}
