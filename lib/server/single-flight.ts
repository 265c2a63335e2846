/**
 * Collapses concurrent calls for the same key into one: N browser tabs asking for the same
 * execution cost AWS one call. The entry is dropped when the call settles, so a later ask runs anew.
 */
export function createSingleFlight<V>() {
  const inFlight = new Map<string, Promise<V>>();
  return {
    run(key: string, work: () => Promise<V>): Promise<V> {
      const existing = inFlight.get(key);
      if (existing) return existing;
      const promise = work().finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
    get size() {
      return inFlight.size;
    },
  };
}
