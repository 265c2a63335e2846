import { describe, expect, it } from "vitest";
import { BadQueryError, parseFailuresQuery } from "./failures-query";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const parse = (q: string) => parseFailuresQuery(new URLSearchParams(q), NOW);

describe("parseFailuresQuery", () => {
  it("resolves windows and defaults to the last 24 hours, 50 rows", () => {
    expect(parse("")).toMatchObject({ fromMs: NOW - 86_400_000, toMs: NOW, limit: 50 });
    expect(parse("window=1h&group=signature&status=TIMED_OUT&q=%20States.Timeout%20")).toMatchObject({ fromMs: NOW - 3_600_000, group: "signature", status: "TIMED_OUT", q: "States.Timeout" });
    expect(parse("from=2026-11-29T00:00:00Z&to=2026-11-29T06:00:00Z&limit=10")).toMatchObject({ fromMs: Date.parse("2026-11-29T00:00:00Z"), toMs: Date.parse("2026-11-29T06:00:00Z"), limit: 10 });
    expect(parseFailuresQuery({ window: "7d", stateMachine: "orders" }, NOW)).toMatchObject({ fromMs: NOW - 7 * 86_400_000, stateMachine: "orders" });
  });

  it.each([
    ["window=2h", /window must be one of/],
    ["window=toString", /window must be one of/],
    ["window=1h&from=2026-11-29T00:00:00Z", /either window or from\/to/],
    ["from=yesterday", /from must be an ISO-8601 time/],
    ["from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z", /from must not be after to/],
    ["status=RUNNING", /status must be FAILED, TIMED_OUT or ABORTED/],
    ["group=state", /group must be signature/],
    ["limit=0", /limit is at least 1/],
    ["limit=500", /limit is at most 200/],
    ["limit=ten", /limit must be a whole number/],
    [`q=${"x".repeat(300)}`, /q is at most 256/],
    ["status=FAILED&status=TIMED_OUT", /status may be given once/],
    ["colour=red", /unknown parameter colour/],
  ])("%s → 400 with the reason", (q, reason) => {
    expect(() => parse(q)).toThrow(BadQueryError);
    expect(() => parse(q)).toThrow(reason);
  });
});
