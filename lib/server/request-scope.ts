import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request an AWS call is made for, carried through the async call chain: a budget take queued for a
 * request whose client has gone (a closed tab, a crawler's timeout) is abandoned without spending a token.
 * Carried implicitly so the layers in between (services, port, single flights) need no extra parameter.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` on behalf of the request whose `signal` aborts when its client goes away. */
export function whileRequestLasts<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work);
}

/** The signal of the request being served, if any (the poller's calls have none: they never give up). */
export function requestSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/**
 * A signal that aborts once every one of `signals` has (a shared call stays wanted while anyone waits for it);
 * never, when one of them is undefined (a caller that never gives up, like the poller).
 */
export class SharedWant {
  private readonly controller = new AbortController();
  private open = 0;
  private forever = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Counts one more caller waiting for the shared call. */
  join(signal: AbortSignal | undefined): void {
    if (signal === undefined) {
      this.forever = true;
      return;
    }
    if (signal.aborted) {
      this.settleIfUnwanted();
      return;
    }
    this.open += 1;
    signal.addEventListener(
      "abort",
      () => {
        this.open -= 1;
        this.settleIfUnwanted();
      },
      { once: true },
    );
  }

  private settleIfUnwanted(): void {
    if (!this.forever && this.open === 0 && !this.controller.signal.aborted) this.controller.abort();
  }
}
