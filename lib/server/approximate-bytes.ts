/**
 * Roughly how many bytes of heap a plain value holds: strings at two bytes a character (V8 keeps many at
 * one, so this errs high), numbers at eight, and a small overhead per object, array and property. Caches
 * use it to bound themselves in bytes, not entries: one 25,000-event history weighs as much as a thousand
 * small ones. Shared substructures are counted once; functions and promises count as their overhead.
 */
export function approximateBytes(value: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let bytes = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    switch (typeof item) {
      case "string":
        bytes += 16 + item.length * 2;
        break;
      case "number":
      case "bigint":
        bytes += 8;
        break;
      case "boolean":
      case "undefined":
      case "symbol":
        bytes += 4;
        break;
      case "function":
        bytes += 32;
        break;
      case "object": {
        if (item === null) {
          bytes += 4;
          break;
        }
        if (seen.has(item)) break;
        seen.add(item);
        if (item instanceof Promise) {
          bytes += 32;
        } else if (ArrayBuffer.isView(item)) {
          bytes += 32 + item.byteLength;
        } else if (Array.isArray(item)) {
          bytes += 16 + item.length * 8;
          for (const element of item) stack.push(element);
        } else if (item instanceof Map) {
          bytes += 32;
          for (const [k, v] of item) stack.push(k, v);
        } else if (item instanceof Set) {
          bytes += 32;
          for (const v of item) stack.push(v);
        } else {
          bytes += 16;
          for (const [key, v] of Object.entries(item)) {
            bytes += 8 + key.length; // property names are interned: counted at one byte a character
            stack.push(v);
          }
        }
        break;
      }
    }
  }
  return bytes;
}
