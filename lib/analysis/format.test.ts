import { describe, expect, it } from "vitest";
import { formatAge, formatBytes, formatBytesExact, formatCount, formatDecimal, formatDuration, formatPercent, formatSeconds, formatUsd, formatUtc } from "./format";

describe("format", () => {
  it("durations climb units and never print long fractions", () => {
    expect(formatDuration(3219.222222222222)).toBe("3.2 s");
    expect(formatDuration(850.4)).toBe("850 ms");
    expect(formatDuration(14_000)).toBe("14 s");
    expect(formatDuration(250_000)).toBe("4 min 10 s");
    expect(formatDuration(3_600_000)).toBe("1 h");
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe("3 d 1 h");
    expect(formatDuration(null)).toBe("—");
    expect(formatSeconds(45)).toBe("45 s");
    expect(formatSeconds(Infinity)).toBe("∞");
  });
  it("bytes read in KiB and are exact on demand", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(12_700)).toBe("12.4 KiB");
    expect(formatBytes(262_144)).toBe("256 KiB");
    expect(formatBytesExact(262_144)).toBe("262,144 B");
    expect(formatBytes(null)).toBe("unknown");
  });
  it("counts, means, percents and money", () => {
    expect(formatCount(25_000)).toBe("25,000");
    expect(formatDecimal(930.04)).toBe("930");
    expect(formatDecimal(3.45)).toBe("3.5");
    expect(formatPercent(0.0423)).toBe("4.2%");
    expect(formatUsd(1204)).toBe("$1,204.00");
    expect(formatUsd(0.000125)).toBe("$0.000125");
    expect(formatUsd(0)).toBe("$0");
  });
  it("times are UTC and ages relative to the given now", () => {
    expect(formatUtc("2026-11-23T15:04:05.123Z")).toBe("2026-11-23 15:04:05 UTC");
    expect(formatAge(1000, 1000)).toBe("just now");
    expect(formatAge(0, 125_000)).toBe("2 min ago");
  });
});
