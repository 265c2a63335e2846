import "server-only";
import { AwsError, isAwsFailure, toAwsError } from "@/lib/aws/errors";
import { slimEvents } from "@/lib/analysis/history/payloads";
import type { HistoryEvent } from "@/lib/domain/history-event";

/** Fetches one GetExecutionHistory page; the service passes one that takes from the budget first. */
export type FetchHistoryPage = (options: { reverseOrder: boolean; maxResults: number; nextToken?: string }) => Promise<{ events: HistoryEvent[]; nextToken: string | null }>;

/** AWS's largest page. */
export const HISTORY_PAGE_SIZE = 1000;

/** A history being read newest first, slimmed as it arrives: sizes are kept, payload text never is. */
export interface HistoryLoad {
  /** Slim events, newest first: the new ones (after `knownLastId`) as they come in. */
  eventsNewestFirst: HistoryEvent[];
  pagesFetched: number;
  complete: boolean;
  error: AwsError | null;
  /** Settles when the first page is in (or the load failed). */
  firstPage: Promise<void>;
  /** Settles when every page needed is in (or the load failed); never rejects. */
  done: Promise<void>;
}

/**
 * Reads a history newest first (reverseOrder), the failure being on the first page. With `knownLastId`,
 * reads only what was appended since: a history only grows, so the first event at or below that id ends the read.
 */
export function loadHistory(fetchPage: FetchHistoryPage, knownLastId = 0): HistoryLoad {
  let firstPageIn = () => {};
  const load: HistoryLoad = {
    eventsNewestFirst: [],
    pagesFetched: 0,
    complete: false,
    error: null,
    firstPage: new Promise<void>((resolve) => (firstPageIn = resolve)),
    done: Promise.resolve(),
  };
  load.done = (async () => {
    let nextToken: string | undefined;
    try {
      do {
        const page = await fetchPage({ reverseOrder: true, maxResults: HISTORY_PAGE_SIZE, nextToken });
        load.pagesFetched += 1;
        const fresh = page.events.filter((e) => e.id > knownLastId);
        for (const event of slimEvents(fresh)) load.eventsNewestFirst.push(event);
        firstPageIn();
        // Reached events already held: the rest of the history is known.
        nextToken = fresh.length < page.events.length ? undefined : (page.nextToken ?? undefined);
      } while (nextToken);
      load.complete = true;
    } catch (error) {
      load.error = isAwsFailure(error) ? toAwsError(error, "GetExecutionHistory") : new AwsError("unknown", "GetExecutionHistory", String(error));
    }
    firstPageIn();
  })();
  return load;
}

/**
 * One event with its payload text, read on demand and never cached: from whichever end of the history is
 * nearer (ids are 1…N, a page holds 1000), stopping at the page that has it. Null when no such event.
 */
export async function fetchEvent(fetchPage: FetchHistoryPage, eventId: number, lastEventId: number | null): Promise<HistoryEvent | null> {
  const reverseOrder = lastEventId === null || lastEventId - eventId < eventId;
  let nextToken: string | undefined;
  do {
    const page = await fetchPage({ reverseOrder, maxResults: HISTORY_PAGE_SIZE, nextToken });
    const found = page.events.find((e) => e.id === eventId);
    if (found) return found;
    const passed = page.events.some((e) => (reverseOrder ? e.id < eventId : e.id > eventId));
    if (passed) return null;
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return null;
}
