import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { AccountErrors } from "./account-errors";

const ok = { accountId: "123456789012", name: "sandbox", regions: ["us-east-1"], roleArn: null, error: null };
const failing = {
  accountId: "210987654321",
  name: "payments",
  regions: ["us-east-1"],
  roleArn: "arn:aws:iam::210987654321:role/sfn-triage-read",
  error: { kind: "access-denied", message: "Could not assume arn:aws:iam::210987654321:role/sfn-triage-read: AccessDenied: not authorized", at: "2026-12-01T12:00:00.000Z" },
};

describe("AccountErrors", () => {
  it("names each failing account with its error, and nothing for healthy ones", () => {
    render(<AccountErrors accounts={[ok, failing]} />);
    const alert = screen.getByRole("alert", { name: "Accounts not polled" });
    expect(alert.textContent).toBe("Account payments (210987654321) not polled since 2026-12-01 12:00:00 UTC: Could not assume arn:aws:iam::210987654321:role/sfn-triage-read: AccessDenied: not authorized");
    expect(alert.textContent).not.toMatch(/sandbox/);
  });

  it("renders nothing when every account polls", () => {
    const { container } = render(<AccountErrors accounts={[ok]} />);
    expect(container.innerHTML).toBe("");
  });
});
