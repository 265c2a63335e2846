import { approximateBytes } from "./approximate-bytes";
import { Lru } from "./lru";

/**
 * Answers shared between tabs for a while (in-flight builds included), so N tabs refreshing one page cost
 * AWS one build. Bounded in entries and bytes: a settled answer is weighed, and a flood of distinct keys
 * pushes out the oldest instead of growing the heap. A failed build is forgotten at once.
 */
export function createSharedAnswers<V>(options: { ttlMs: number; entries: number; bytes: number }) {
  const answers = new Lru<string, { at: number; answer: Promise<V> }>({ entries: options.entries, bytes: options.bytes, sizeOf: () => 64 });
  return {
    get(key: string, now: number, build: () => Promise<V>): Promise<V> {
      const cached = answers.get(key);
      if (cached && now - cached.at < options.ttlMs) return cached.answer;
      const answer = build();
      const entry = { at: now, answer };
      answers.set(key, entry);
      answer.then(
        (value) => {
          if (answers.get(key) === entry) answers.resize(key, 64 + approximateBytes(value));
        },
        () => {
          if (answers.get(key) === entry) answers.delete(key);
        },
      );
      return answer;
    },
    get bytes(): number {
      return answers.bytes;
    },
  };
}
