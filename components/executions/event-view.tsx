"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { EventPage, EventQuery, ExecutionTriage, TimelineEvent } from "@/lib/domain/triage";
import { executionEventsQuery } from "@/lib/queries/options";
import { formatCount, formatDuration } from "@/lib/analysis/format";
import { Bytes } from "../common/bytes";
import { Time } from "../common/time";
import { PayloadViewer } from "../payloads/payload-viewer";
import styles from "./execution.module.css";

type Filters = Pick<EventQuery, "state" | "kind" | "q">;

/** The event view's first page as the triage JSON already carries it, so the default view needs no extra call. */
function firstPage(triage: ExecutionTriage): EventPage {
  const last = triage.timeline[triage.timeline.length - 1];
  return {
    events: triage.timeline,
    matched: triage.history.eventsFetched,
    nextBefore: triage.timelineTruncated && last ? last.id : null,
    complete: triage.history.complete,
    eventsLoaded: triage.history.eventsFetched,
    eventsTotal: triage.history.eventsTotal,
  };
}

/**
 * Every event of the execution, newest first, 500 a page: filter by state and by kind (errors only, retries),
 * search, time since the start and since the event before; each payload opens on demand.
 */
export function EventView({ triage }: { triage: ExecutionTriage }) {
  const arn = triage.execution.executionArn;
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState("");
  // Cursors of the pages before this one, so "Newer" goes back.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors[cursors.length - 1];
  const isDefault = !filters.state && !filters.kind && !filters.q && before === undefined;
  const query = useQuery({
    ...executionEventsQuery(arn, { ...filters, before }),
    initialData: isDefault && triage.timeline.length > 0 ? firstPage(triage) : undefined,
    placeholderData: keepPreviousData,
  });
  const page = query.data;
  const states = triage.report.states.filter((s) => s.entered > 0 || s.events > 0);
  const setFilter = (next: Filters) => {
    setFilters(next);
    setCursors([]);
  };
  return (
    // While a new filter's page loads, the previous rows stay on screen, marked busy.
    <section aria-labelledby="events-title" data-testid="event-view" aria-busy={query.isPlaceholderData} data-busy={query.isPlaceholderData ? "true" : "false"}>
      <h2 id="events-title">Events</h2>
      <form
        className={styles.toolbar}
        role="search"
        aria-label="Filter events"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filters, q: search.trim() || undefined });
        }}
      >
        <label>
          State
          <select value={filters.state ?? ""} onChange={(e) => setFilter({ ...filters, state: e.target.value || undefined })} data-testid="event-state-filter">
            <option value="">All states</option>
            {states.map((s) => (
              <option key={s.path} value={s.path}>
                {s.path}
              </option>
            ))}
          </select>
        </label>
        <label>
          Events
          <select value={filters.kind ?? ""} onChange={(e) => setFilter({ ...filters, kind: (e.target.value || undefined) as Filters["kind"] })} data-testid="event-kind-filter">
            <option value="">All events</option>
            <option value="errors">Errors only</option>
            <option value="retries">Retries</option>
          </select>
        </label>
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="type, state, error, cause" data-testid="event-search" />
        </label>
        <button type="submit">Search</button>
      </form>
      {page && !page.complete ? (
        <p role="status" data-testid="events-progress">
          Loading events: {formatCount(page.eventsLoaded)}
          {page.eventsTotal !== null ? ` of ${formatCount(page.eventsTotal)}` : ""}…
        </p>
      ) : null}
      {query.isError ? <p role="alert">The events could not be read: {query.error.message}</p> : null}
      {page ? (
        <>
          <p className="muted" data-testid="events-matched">
            {formatCount(page.matched)} event{page.matched === 1 ? "" : "s"}
            {isDefault ? "" : " match"}; newest first
            {page.events.length < page.matched ? `, ${formatCount(page.events.length)} a page` : ""}.
          </p>
          <EventTable arn={arn} events={page.events} payloadsHidden={triage.payloadsHidden} />
          <div className={styles.pager}>
            <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </button>
            <button type="button" disabled={page.nextBefore === null} onClick={() => page.nextBefore !== null && setCursors([...cursors, page.nextBefore])}>
              Older
            </button>
          </div>
        </>
      ) : (
        <p role="status" className="muted">Loading events…</p>
      )}
    </section>
  );
}

/** A state path that may wrap after each "/", never inside a state's name. */
function PathText({ path }: { path: string }) {
  const parts = path.split("/");
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              /<wbr />
            </>
          ) : null}
        </span>
      ))}
    </>
  );
}

function EventTable({ arn, events, payloadsHidden }: { arn: string; events: readonly TimelineEvent[]; payloadsHidden: boolean }) {
  return (
    <div className={styles.events}>
      <table aria-label="Events, newest first">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Time (UTC)</th>
            <th className="num">Since start</th>
            <th className="num">Since previous</th>
            <th>Event</th>
            <th>State</th>
            <th>Error</th>
            <th className="num">Payload</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-type={e.type} data-testid="event-row" data-state={e.path ?? ""}>
              <td className="num">{e.id}</td>
              <td><Time iso={e.timestamp} /></td>
              <td className="num">+{formatDuration(e.elapsedMs)}</td>
              <td className="num">+{formatDuration(e.sincePreviousMs)}</td>
              <td className={e.isError ? "status status-FAILED" : undefined}>
                {e.type}
                {e.isRetry ? <span className="muted"> (retry)</span> : null}
              </td>
              <td className={styles.wrap}>
                {e.path !== null ? <PathText path={e.path} /> : <span className="muted">— (execution)</span>}
                {e.iteration !== null ? <span className="muted"> · item {e.iteration}</span> : null}
              </td>
              <td className={styles.wrap}>
                {e.error ? <code>{e.error}</code> : null}
                {e.cause ? <div className="muted">{e.cause.length > 200 ? `${e.cause.slice(0, 200)}…` : e.cause}</div> : null}
              </td>
              <td className="num">
                {e.payloadBytes === null ? (
                  <span className="muted">—</span>
                ) : (
                  <>
                    <Bytes bytes={e.payloadBytes} />
                    {!payloadsHidden && e.payloadField ? <PayloadViewer executionArn={arn} eventId={e.id} field={e.payloadField} bytes={e.payloadBytes} /> : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
