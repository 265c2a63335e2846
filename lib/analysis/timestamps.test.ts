import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toEpochMs, toIsoString } from "./timestamps";

describe("toEpochMs", () => {
  it("reads the shapes AWS tools print exactly as Date.parse does", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.constantFrom("Z", "+00:00", "+05:30", "-08:00"),
        fc.constantFrom(0, 1, 3, 6),
        (date, zone, fractionDigits) => {
          const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
          const fraction = fractionDigits === 0 ? "" : `.${(iso.slice(20, 23) + "000").slice(0, fractionDigits)}`;
          const text = `${iso.slice(0, 19)}${fraction}${zone}`;
          expect(toEpochMs(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("falls back to Date.parse for other shapes, and says NaN for nonsense", () => {
    expect(toEpochMs("2024-02-29T12:00:00Z")).toBe(Date.parse("2024-02-29T12:00:00Z"));
    expect(toEpochMs("2024-01-31T23:59:59.999999Z")).toBe(Date.parse("2024-01-31T23:59:59.999Z"));
    expect(toEpochMs("Mon, 01 Jan 2024 00:00:00 GMT")).toBe(Date.parse("2024-01-01T00:00:00Z"));
    expect(toEpochMs("2024-13-01T00:00:00Z")).toBeNaN();
    expect(toEpochMs("yesterday")).toBeNaN();
    expect(toEpochMs(null)).toBeNaN();
    expect(toEpochMs({})).toBeNaN();
  });

  it("takes SDK Dates and epoch numbers", () => {
    expect(toEpochMs(new Date("2024-01-01T00:00:01Z"))).toBe(1_704_067_201_000);
    expect(toEpochMs(1_704_067_201_000)).toBe(1_704_067_201_000);
    expect(toEpochMs(1_704_067_201.123)).toBe(1_704_067_201_123); // epoch seconds, as AWS CLI v1 prints them
    expect(toIsoString(1_704_067_201.5)).toBe("2024-01-01T00:00:01.500Z");
    expect(toEpochMs(1e300)).toBeNaN();
    expect(toIsoString(1e300)).toBeNull();
    expect(toIsoString(new Date("2024-01-01T00:00:01Z"))).toBe("2024-01-01T00:00:01.000Z");
    expect(toIsoString("2024-01-01T00:00:01Z")).toBe("2024-01-01T00:00:01Z");
    expect(toIsoString("not a time")).toBeNull();
  });
});
