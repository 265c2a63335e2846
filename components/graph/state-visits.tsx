"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TimelineEvent } from "@/lib/domain/triage";
import { executionEventsQuery } from "@/lib/queries/options";
import { formatBytes } from "@/lib/analysis/format";
import { PayloadViewer } from "../payloads/payload-viewer";

/** One entry into a state, as its events show it. */
interface VisitRows {
  visit: number;
  iteration: number | null;
  entered: TimelineEvent | null;
  exited: TimelineEvent | null;
  /** A Task's parameters and result, when it has them. */
  others: TimelineEvent[];
}

/** Groups a state's events (newest first) into its visits, oldest visit first. */
export function groupVisits(events: readonly TimelineEvent[]): VisitRows[] {
  const byVisit = new Map<number, VisitRows>();
  for (const e of [...events].reverse()) {
    if (e.visit === null) continue;
    const rows = byVisit.get(e.visit) ?? { visit: e.visit, iteration: e.iteration, entered: null, exited: null, others: [] };
    if (e.type.endsWith("StateEntered")) rows.entered = e;
    else if (e.type.endsWith("StateExited")) rows.exited = e;
    else if (e.payloadField !== null) rows.others.push(e);
    byVisit.set(e.visit, rows);
  }
  return [...byVisit.values()];
}

function Payload({ arn, event, label, hidden }: { arn: string; event: TimelineEvent | null; label: string; hidden: boolean }) {
  if (!event || event.payloadBytes === null || event.payloadField === null) return <dd className="muted">none recorded</dd>;
  return (
    <dd>
      {formatBytes(event.payloadBytes)} <span className="muted">({label}, event {event.id})</span>
      {hidden ? null : <PayloadViewer executionArn={arn} eventId={event.id} field={event.payloadField} bytes={event.payloadBytes} />}
    </dd>
  );
}

/** A state's input and output as the console shows them, per visit (Map items: pick the iteration), loaded on demand. */
export function StateVisits({ arn, path, payloadsHidden }: { arn: string; path: string; payloadsHidden: boolean }) {
  const query = useQuery(executionEventsQuery(arn, { state: path, limit: 5000 }));
  const visits = query.data ? groupVisits(query.data.events) : [];
  const [picked, setPicked] = useState<number | null>(null);
  if (query.isPending) return <p className="muted" role="status">Loading this state&apos;s events…</p>;
  if (query.isError) return <p role="alert">{query.error.message}</p>;
  if (visits.length === 0) return null;
  const chosen = visits.find((v) => v.visit === picked) ?? visits[visits.length - 1]!;
  const label = (v: VisitRows, i: number) => `Entry ${i + 1} of ${visits.length}${v.iteration !== null ? ` · item ${v.iteration}` : ""}`;
  return (
    <div data-testid="state-visits">
      <h4>Input and output</h4>
      {visits.length > 1 ? (
        <label>
          Visit{" "}
          <select value={chosen.visit} onChange={(e) => setPicked(Number(e.target.value))} aria-label="Pick a visit of this state">
            {visits.map((v, i) => (
              <option key={v.visit} value={v.visit}>
                {label(v, i)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <dl>
        <dt>Input</dt>
        <Payload arn={arn} event={chosen.entered} label="state input" hidden={payloadsHidden} />
        {chosen.others.map((e) => (
          <PayloadRow key={e.id} arn={arn} event={e} hidden={payloadsHidden} />
        ))}
        <dt>Output</dt>
        <Payload arn={arn} event={chosen.exited} label="state output" hidden={payloadsHidden} />
      </dl>
      {payloadsHidden ? <p className="muted">Payload contents are hidden on this server; sizes are shown.</p> : null}
    </div>
  );
}

function PayloadRow({ arn, event, hidden }: { arn: string; event: TimelineEvent; hidden: boolean }) {
  return (
    <>
      <dt>{event.type.replace(/^(Task|LambdaFunction|Activity)/, "")}</dt>
      <Payload arn={arn} event={event} label={event.payloadField === "parameters" ? "Task parameters" : `${event.type}`} hidden={hidden} />
    </>
  );
}
