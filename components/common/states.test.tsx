import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { EmptyState } from "./empty-state";
import { ErrorPanel } from "./error-panel";
import { Skeleton } from "./skeleton";

describe("Skeleton", () => {
  it("is a busy status with a spoken label, its bars hidden from assistive technology", () => {
    render(<Skeleton label="Loading the state graph" blockHeight={320} />);
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-busy")).toBe("true");
    expect(status.textContent).toBe("Loading the state graph…");
    expect(status.querySelectorAll('[aria-hidden="true"]')).toHaveLength(1);
  });

  it("suggests as many text lines as asked", () => {
    render(<Skeleton label="Loading" lines={4} />);
    expect(screen.getByRole("status").querySelectorAll('[aria-hidden="true"]')).toHaveLength(4);
  });
});

describe("EmptyState", () => {
  it("says what was searched and how to widen it", () => {
    render(<EmptyState title="No failures in the last 24 hours" scope="us-east-1, 3 state machines" action="Widen the window to 7 days." />);
    const box = screen.getByTestId("empty-state");
    expect(within(box).getByRole("heading").textContent).toBe("No failures in the last 24 hours");
    expect(box.textContent).toContain("us-east-1, 3 state machines");
    expect(box.textContent).toContain("Widen the window to 7 days.");
  });
});

describe("ErrorPanel", () => {
  it("says what happened, what is still shown, what to do, and links on", () => {
    render(
      <ErrorPanel
        title="AWS did not answer"
        message="DescribeStateMachine timed out."
        still="Nothing for this state machine."
        todo="Reload in a few seconds."
        links={[
          { href: "/", label: "The fleet" },
          { href: "https://console.aws.amazon.com/states", label: "AWS console", external: true },
        ]}
        query="<script>x</script>"
      />,
    );
    const panel = screen.getByRole("alert");
    expect(within(panel).getByRole("heading", { level: 1 }).textContent).toBe("AWS did not answer");
    expect(panel.textContent).toContain("Still shown: Nothing for this state machine.");
    expect(panel.textContent).toContain("What to do: Reload in a few seconds.");
    expect(within(panel).getByRole("link", { name: "The fleet" }).getAttribute("href")).toBe("/");
    const external = within(panel).getByRole("link", { name: /AWS console/ });
    expect(external.getAttribute("target")).toBe("_blank");
    expect(external.getAttribute("rel")).toContain("noopener");
    // The input is echoed as text, never as markup.
    expect(panel.querySelector("script")).toBeNull();
    expect(panel.textContent).toContain("<script>x</script>");
    expect(within(panel).getByRole("search", { name: "Search again" })).toBeTruthy();
  });
});
