import { describe, expect, it } from "vitest";
import { errorEqualsMatches, findCatcher, findRetrier } from "./error-matching";

describe("ErrorEquals matching", () => {
  it("follows Step Functions' wildcards", () => {
    expect(errorEqualsMatches(["States.ALL"], "Anything")).toBe(true);
    expect(errorEqualsMatches(["States.ALL"], null)).toBe(true);
    expect(errorEqualsMatches(["States.TaskFailed"], "Lambda.Unknown")).toBe(true);
    expect(errorEqualsMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
    expect(errorEqualsMatches(["States.Timeout"], "States.HeartbeatTimeout")).toBe(true);
    expect(errorEqualsMatches(["States.HeartbeatTimeout"], "States.Timeout")).toBe(true);
    expect(errorEqualsMatches(["State.ALL"], "HandleItemFailError")).toBe(false);
    expect(errorEqualsMatches(["A", "B"], "B")).toBe(true);
    expect(errorEqualsMatches(["A"], null)).toBe(false);
  });

  it("picks the first matching retrier", () => {
    const retriers = [
      { errorEquals: ["NoSuchError"], maxAttempts: 1 },
      { errorEquals: ["States.TaskFailed"], maxAttempts: 2 },
      { errorEquals: ["States.ALL"], maxAttempts: 3 },
    ];
    expect(findRetrier(retriers, "Lambda.Unknown")).toBe(1);
    expect(findRetrier(retriers, "States.Timeout")).toBe(2);
    expect(findRetrier([{ errorEquals: ["X"], maxAttempts: 1 }], "Y")).toBeNull();
    expect(findRetrier([{ errorEquals: ["X"], maxAttempts: 1 }], null)).toBe(0);
  });

  it("tells catchers apart by the state the history went to", () => {
    const catchers = [
      { errorEquals: ["States.Runtime"], next: "Runtime" },
      { errorEquals: ["States.ALL"], next: "All" },
    ];
    expect(findCatcher(catchers, null, "All")).toBe(1);
    expect(findCatcher(catchers, "States.Runtime", "Runtime")).toBe(0);
    expect(findCatcher(catchers, "States.Runtime", null)).toBe(0);
    expect(findCatcher(catchers, "X", "Elsewhere")).toBeNull();
  });
});
