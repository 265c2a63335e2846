import { afterEach, describe, expect, it, vi } from "vitest";

const ARN = "arn:aws:states:us-east-1:111111111111:execution:orders:run-1";
const params = (arn: string) => ({ params: Promise.resolve({ arn: encodeURIComponent(arn) }) });

afterEach(() => {
  vi.doUnmock("@/lib/server/executions");
  vi.resetModules();
});

describe("GET /api/executions/{arn}/events", () => {
  it("answers 400 with what it expected for a bad filter, without asking the service", async () => {
    const getEventPage = vi.fn();
    vi.doMock("@/lib/server/executions", () => ({ triageService: () => ({ getEventPage }) }));
    const { GET } = await import("./route");
    for (const query of ["kind=everything", "before=-3", "limit=0", "limit=99999", "before=abc"]) {
      const res = await GET(new Request(`http://127.0.0.1/api/executions/x/events?${query}`), params(ARN));
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { kind: string } }).error.kind).toBe("invalid-input");
    }
    const wrongKind = await GET(new Request("http://127.0.0.1/api/executions/x/events"), params("arn:aws:states:us-east-1:111111111111:stateMachine:orders"));
    expect(wrongKind.status).toBe(400);
    expect(getEventPage).not.toHaveBeenCalled();
  });

  it("passes the filters on and returns the page as JSON", async () => {
    const page = { events: [], matched: 0, nextBefore: null, complete: true, eventsLoaded: 3, eventsTotal: 3 };
    const getEventPage = vi.fn(async () => page);
    vi.doMock("@/lib/server/executions", () => ({ triageService: () => ({ getEventPage }) }));
    const { GET } = await import("./route");
    const res = await GET(new Request(`http://127.0.0.1/api/executions/x/events?before=40&limit=20&state=Checks%2FAuthorizePayment&kind=errors&q=declined`), params(ARN));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(page);
    expect(getEventPage).toHaveBeenCalledWith(ARN, { before: 40, limit: 20, state: "Checks/AuthorizePayment", kind: "errors", q: "declined" });
  });
});
