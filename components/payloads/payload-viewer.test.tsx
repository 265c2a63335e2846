import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PayloadViewer } from "./payload-viewer";

const ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";
const fetchMock = vi.fn<typeof fetch>();

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("PayloadViewer", () => {
  it("fetches nothing until asked: a button names the field, the event and the size", () => {
    render(<PayloadViewer executionArn={ARN} eventId={7} field="output" bytes={262_145} />, { wrapper });
    expect(screen.getByRole("button", { name: "Show output of event 7 (262,145 B)" })).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("on Show, fetches that one payload and renders it as text, never as HTML", async () => {
    const text = '{"note":"<script>alert(1)</script><b>bold</b>"}';
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ eventId: 7, field: "input", bytes: text.length, text }), { status: 200, headers: { "content-type": "application/json" } }));
    render(<PayloadViewer executionArn={ARN} eventId={7} field="input" bytes={text.length} />, { wrapper });
    await userEvent.click(screen.getByRole("button", { name: /Show input of event 7/ }));
    expect(await screen.findByText(text)).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toBe(`/api/executions/${encodeURIComponent(ARN)}/payload?eventId=7&field=input`);
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("b")).toBeNull();
    // Hiding and showing again uses what was fetched.
    await userEvent.click(screen.getByRole("button", { name: "Hide input" }));
    expect(screen.queryByText(text)).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: /Show input/ }));
    expect(await screen.findByText(text)).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("shows the server's refusal as an alert (payloads hidden on this server)", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { kind: "payloads-hidden", message: "Payload contents are hidden on this server (SFN_TRIAGE_HIDE_PAYLOADS=1)." } }), { status: 403 }),
    );
    render(<PayloadViewer executionArn={ARN} eventId={3} field="output" bytes={10} />, { wrapper });
    await userEvent.click(screen.getByRole("button", { name: /Show output/ }));
    expect((await screen.findByRole("alert")).textContent).toContain("Payload contents are hidden on this server (SFN_TRIAGE_HIDE_PAYLOADS=1).");
  });
});
