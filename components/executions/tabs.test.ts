import { describe, expect, it } from "vitest";
import { defaultTab, hrefWithTab, parseTab } from "./tabs";

describe("execution tabs in the URL", () => {
  it("reads ?tab= case-insensitively and ignores what is not a tab", () => {
    expect(parseTab("events")).toBe("events");
    expect(parseTab(" States ")).toBe("states");
    expect(parseTab("timeline")).toBeNull();
    expect(parseTab("")).toBeNull();
    expect(parseTab(null)).toBeNull();
  });

  it("opens on the graph, or on the events when there is no graph to draw", () => {
    expect(defaultTab({ graph: { model: {} as never, overlay: {} as never } })).toBe("graph");
    expect(defaultTab({ graph: null })).toBe("events");
  });

  it("sets the tab and keeps the other parameters and the hash", () => {
    expect(hrefWithTab("http://x/executions/arn%3Aaws?tab=graph&debug=1#top", "cost")).toBe("/executions/arn%3Aaws?tab=cost&debug=1#top");
    expect(hrefWithTab("http://x/executions/a", "states")).toBe("/executions/a?tab=states");
  });
});
