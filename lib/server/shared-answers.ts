import { approximateBytes } from "./approximate-bytes";
import { Lru } from "./lru";

/**
 * Answers shared between tabs for a while (in-flight builds included), so N tabs refreshing one page cost
 * AWS one build. Bounded in entries and bytes: a settled answer is weighed, and a flood of distinct keys
 * pushes out the oldest instead of growing the heap. A failed build is kept `failureTtlMs` (default: forgotten
 * at once), so the page that follows a failed preflight reads the failure instead of asking AWS again.
 */
/** Builds the shared answers of one page kind. */
export function createSharedAnswers<V>(options: { ttlMs: number; failureTtlMs?: number; entries: number; bytes: number }) {
  const answers = new Lru<string, { at: number; answer: Promise<V>; failed: boolean }>({ entries: options.entries, bytes: options.bytes, sizeOf: () => 64 });
  return {
    get(key: string, now: number, build: () => Promise<V>): Promise<V> {
      const cached = answers.get(key);
      if (cached && now - cached.at < (cached.failed ? (options.failureTtlMs ?? 0) : options.ttlMs)) return cached.answer;
      const answer = build();
      const entry = { at: now, answer, failed: false };
      answers.set(key, entry);
      answer.then(
        (value) => {
          if (answers.get(key) === entry) answers.resize(key, 64 + approximateBytes(value));
        },
        () => {
          if (answers.get(key) !== entry) return;
          if (options.failureTtlMs) entry.failed = true;
          else answers.delete(key);
        },
      );
      return answer;
    },
    /** Bytes held by settled answers, as weighed. */
    get bytes(): number {
      return answers.bytes;
    },
  };
}

/** The answers of one page kind, shared between tabs. */
export type SharedAnswers<V> = ReturnType<typeof createSharedAnswers<V>>;
