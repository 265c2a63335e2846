import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countByLoop, utf8ByteLength } from "./bytes";

const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => String.fromCharCode(...units));

describe("utf8ByteLength", () => {
  it("counts UTF-8 bytes, not UTF-16 code units", () => {
    expect(utf8ByteLength("")).toBe(0);
    expect(utf8ByteLength('{"a":1}')).toBe(7);
    expect(utf8ByteLength("é")).toBe(2);
    expect(utf8ByteLength("€")).toBe(3);
    expect(utf8ByteLength("😀")).toBe(4);
    expect("😀".length).toBe(2);
  });

  it("counts a lone surrogate as U+FFFD (3 bytes), as encoders write it", () => {
    expect(utf8ByteLength("\ud800")).toBe(3);
    expect(utf8ByteLength("a\udc00b")).toBe(5);
    expect(utf8ByteLength("\ud83d\ud83d\ude00")).toBe(7);
  });

  it("agrees with Buffer.byteLength on any string, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), codeUnits), (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, "utf8"));
        expect(countByLoop(text)).toBe(Buffer.byteLength(text, "utf8"));
      }),
      { numRuns: 2000 },
    );
  });

  it("handles strings too big for its scratch buffer (counted by the loop)", () => {
    const big = "é😀x".repeat(200_000);
    expect(utf8ByteLength(big)).toBe(Buffer.byteLength(big, "utf8"));
    expect(utf8ByteLength("a".repeat(300_000))).toBe(300_000);
  });
});
