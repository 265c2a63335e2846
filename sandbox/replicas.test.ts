import { describe, expect, it } from "vitest";
import { replicasFromArgs } from "./replicas";

describe("npm run demo -- --replicas N", () => {
  it("reads N in both spellings, 1 without the flag, and leaves other flags alone", () => {
    expect(replicasFromArgs([])).toBe(1);
    expect(replicasFromArgs(["--events"])).toBe(1);
    expect(replicasFromArgs(["--replicas", "2"])).toBe(2);
    expect(replicasFromArgs(["--events", "--replicas=3"])).toBe(3);
    expect(replicasFromArgs(["--replicas", "2", "--events"])).toBe(2);
  });

  it("refuses what is not a small whole number, saying what it got", () => {
    expect(() => replicasFromArgs(["--replicas"])).toThrow(/whole number from 1 to 8 \(got nothing\)/);
    expect(() => replicasFromArgs(["--replicas", "two"])).toThrow(/got "two"/);
    expect(() => replicasFromArgs(["--replicas=0"])).toThrow(/got "0"/);
    expect(() => replicasFromArgs(["--replicas", "99"])).toThrow(/got "99"/);
  });
});
