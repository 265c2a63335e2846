import { SharedWant, requestSignal, whileRequestLasts } from "./request-scope";

/**
 * Collapses concurrent calls for the same key into one: N browser tabs asking for the same
 * execution cost AWS one call. The entry is dropped when the call settles, so a later ask runs anew.
 * The shared work runs for as long as anyone still wants it: its budget takes are abandoned only when
 * every request that joined it is gone (a caller outside any request, the poller, keeps it wanted).
 */
export function createSingleFlight<V>() {
  const inFlight = new Map<string, { promise: Promise<V>; want: SharedWant }>();
  return {
    run(key: string, work: () => Promise<V>): Promise<V> {
      const existing = inFlight.get(key);
      if (existing) {
        existing.want.join(requestSignal());
        return existing.promise;
      }
      const want = new SharedWant();
      want.join(requestSignal());
      const promise = whileRequestLasts(want.signal, work).finally(() => inFlight.delete(key));
      inFlight.set(key, { promise, want });
      return promise;
    },
    get size() {
      return inFlight.size;
    },
  };
}
