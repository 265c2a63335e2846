import { approximateBytes } from "./approximate-bytes";

/** What bounds an Lru: a number of entries, and optionally bytes (each entry weighed by `sizeOf`). */
export interface LruBounds<V> {
  entries: number;
  bytes?: number;
  /** Weight of one value in bytes; approximateBytes by default. */
  sizeOf?: (value: V) => number;
}

/**
 * A least-recently-used map bounded by entries and, when asked, by bytes: big things (whole histories,
 * reports) kept only while there is room, newest looked-at first. An entry alone larger than the byte
 * bound is kept until the next set (the caller is using it), then dropped like any other.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private readonly entriesMax: number;
  private readonly bytesMax: number;
  private readonly sizeOf: (value: V) => number;
  private held = 0;

  constructor(bounds: number | LruBounds<V>) {
    const b = typeof bounds === "number" ? { entries: bounds } : bounds;
    this.entriesMax = b.entries;
    this.bytesMax = b.bytes ?? Number.POSITIVE_INFINITY;
    // Without a byte bound, weighing values would be wasted work.
    this.sizeOf = b.bytes === undefined ? () => 0 : (b.sizeOf ?? approximateBytes);
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** Stores a value (weighed now, or at `bytes` when the caller knows), dropping the least recently used past the bounds. */
  set(key: K, value: V, bytes?: number): void {
    this.delete(key);
    const weight = bytes ?? this.sizeOf(value);
    this.map.set(key, { value, bytes: weight });
    this.held += weight;
    this.evict(key);
  }

  /** Re-weighs an entry whose value grew (or whose promise settled) without counting it as a use. */
  resize(key: K, bytes: number): void {
    const entry = this.map.get(key);
    if (entry === undefined) return;
    this.held += bytes - entry.bytes;
    entry.bytes = bytes;
    this.evict(key);
  }

  delete(key: K): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.map.delete(key);
    this.held -= entry.bytes;
    return true;
  }

  /** Entries, oldest use first (for pruning by age). */
  *entries(): IterableIterator<[K, V]> {
    for (const [key, entry] of this.map) yield [key, entry.value];
  }

  private evict(keep: K): void {
    for (const key of this.map.keys()) {
      if (this.map.size <= this.entriesMax && this.held <= this.bytesMax) break;
      if (key === keep && this.map.size <= this.entriesMax) continue;
      this.delete(key);
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** Bytes held, as weighed. */
  get bytes(): number {
    return this.held;
  }
}
