import { describe, expect, it } from "vitest";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { redactCause } from "./payload-redaction";

const MARKER = "ZZ-MARKER-7731";

describe("redactCause", () => {
  it("hides the input a States.Runtime cause quotes, keeping state, event id, JSONPath and field", () => {
    const cause = `An error occurred while executing the state 'Validate' (entered at the event id #2). The JSONPath '$.fileId' specified for the field 'InputPath' could not be found in the input '{"fileKey": "upload-${MARKER}", "note": "it's fine"}'`;
    const redacted = redactCause(cause);
    expect(redacted).not.toContain(MARKER);
    expect(redacted).not.toContain("it's fine");
    expect(redacted).toMatch(/^An error occurred while executing the state 'Validate' \(entered at the event id #2\)\. The JSONPath '\$\.fileId' specified for the field 'InputPath' could not be found in the input '<payload hidden: \d+ bytes>'$/);
  });

  it("hides a value a Map's *Path refers to", () => {
    const redacted = redactCause(`An error occurred while executing the state 'MapState' (entered at the event id #2). The MaxConcurrencyPath field refers to value "{\\"secret\\":\\"${MARKER}\\"}" which is not a valid integer: $.MaxConcurrencyValue`);
    expect(redacted).not.toContain(MARKER);
    expect(redacted).toContain("which is not a valid integer: $.MaxConcurrencyValue");
  });

  it("keeps the shape of a JSON cause (a task's error output) and its error names, hiding every value", () => {
    const cause = JSON.stringify({ errorType: "Payment.Declined", errorMessage: `card ${MARKER} declined`, stackTrace: ["at charge (index.js:1)"], Input: `{"card":"${MARKER}"}`, Error: "States.Timeout", Status: "FAILED" });
    const redacted = JSON.parse(redactCause(cause));
    expect(JSON.stringify(redacted)).not.toContain(MARKER);
    expect(redacted).toMatchObject({ errorType: "Payment.Declined", Error: "States.Timeout", Status: "FAILED" });
    expect(Object.keys(redacted)).toEqual(["errorType", "errorMessage", "stackTrace", "Input", "Error", "Status"]);
    expect(redacted.errorMessage).toMatch(/^<payload hidden: \d+ bytes>$/);
  });

  it("hides malformed JSON-looking causes whole", () => {
    expect(redactCause(`{"a": "${MARKER}"`)).toContain(MARKER); // not JSON-shaped at both ends: a plain message
    expect(redactCause(`{"a": "${MARKER}" oops}`)).toMatch(/^<payload hidden: \d+ bytes>$/);
  });

  it("leaves causes that quote no payload as they are", () => {
    for (const cause of [
      "The execution reached the maximum number of history events (25000).",
      "The state/task 'Assemble' returned a result with a size exceeding the maximum number of bytes service limit.",
      "An error occurred while executing the state 'task' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    ]) {
      expect(redactCause(cause)).toBe(cause);
    }
  });

  it("never throws on any recorded cause, and keeps every non-JSON cause's opening words", () => {
    let causes = 0;
    for (const fixture of loadFixtures()) {
      for (const event of fixture.events as unknown as Record<string, unknown>[]) {
        for (const [key, details] of Object.entries(event)) {
          const cause = key.endsWith("EventDetails") ? (details as { cause?: unknown })?.cause : undefined;
          if (typeof cause !== "string") continue;
          causes += 1;
          const redacted = redactCause(cause);
          if (!cause.trim().startsWith("{") && !cause.trim().startsWith("[")) expect(redacted.slice(0, 20)).toBe(cause.slice(0, 20));
        }
      }
    }
    expect(causes).toBeGreaterThan(100);
  });
});

describe("redactCause: Parameters that could not start a Task", () => {
  it("hides the parameters and keeps the reason", () => {
    const redacted = redactCause(`An error occurred while executing the state 'Invoke' (entered at the event id #2). The Parameters '{"Headers":"${MARKER}"}' could not be used to start the Task: [The value of the field 'Headers' has an invalid format]`);
    expect(redacted).not.toContain(MARKER);
    expect(redacted).toContain("could not be used to start the Task: [The value of the field 'Headers' has an invalid format]");
  });
});
