import { describe, expect, it } from "vitest";
import { GET } from "./route";
import { GET as getSignature } from "./signatures/[id]/route";

// Only bad requests here: they are answered before the index or AWS is touched.
describe("GET /api/failures with bad parameters", () => {
  it.each([
    ["window=2h", "window must be one of 1h, 6h, 24h, 7d"],
    ["status=SUCCEEDED", "status must be FAILED, TIMED_OUT or ABORTED"],
    ["group=error", "group must be signature"],
    ["from=not-a-time", "from must be an ISO-8601 time"],
    ["limit=1000", "limit is at most 200"],
    ["<script>=1", "unknown parameter <script>"],
  ])("?%s → 400 JSON with the reason", async (query, reason) => {
    const response = await GET(new Request(`http://127.0.0.1/api/failures?${query}`));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { error: { kind: string; message: string } };
    expect(body.error.kind).toBe("bad-query");
    expect(body.error.message).toContain(reason);
  });

  it("refuses a malformed signature id with 400", async () => {
    const response = await getSignature(new Request("http://127.0.0.1/api/failures/signatures/zz"), { params: Promise.resolve({ id: "zz" }) });
    expect(response.status).toBe(400);
  });
});
