import { describe, expect, it } from "vitest";
import { describeChoiceRule } from "./choice-label";

describe("describeChoiceRule", () => {
  it.each([
    [{ Variable: "$.n", NumericLessThanEquals: 3 }, "$.n <= 3"],
    [{ Variable: "$.a", StringEqualsPath: "$.b" }, "$.a == $.b"],
    [{ Variable: "$.s", StringMatches: "log-*" }, '$.s matches "log-*"'],
    [{ Variable: "$.t", TimestampGreaterThan: "2024-01-01T00:00:00Z" }, '$.t > "2024-01-01T00:00:00Z"'],
    [{ Variable: "$.x", IsNull: false }, "$.x is not null"],
    [{ Or: [{ Variable: "$.a", BooleanEquals: true }, { And: [{ Variable: "$.b", NumericEquals: 1 }, { Variable: "$.c", IsString: true }] }] }, "$.a == true || ($.b == 1 && $.c is a string)"],
    [{ Condition: "{% $x > 1 %}" }, "$x > 1"],
    [{ Condition: true }, "true"],
    [{ Variable: "$.x", Unknown: 1 }, "?"],
  ])("%j → %s", (rule, text) => {
    expect(describeChoiceRule(rule)).toBe(text);
  });
});
