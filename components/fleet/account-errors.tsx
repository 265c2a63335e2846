import type { FleetAccount } from "@/lib/domain/fleet";

/** One line per watched account whose last poll failed (a role that can't be assumed): the others' data stays fresh. */
export function AccountErrors({ accounts }: { accounts: FleetAccount[] }) {
  const failing = accounts.filter((a) => a.error !== null);
  if (failing.length === 0) return null;
  return (
    <ul role="alert" aria-label="Accounts not polled" data-testid="account-errors">
      {failing.map((a) => (
        <li key={a.accountId ?? "default"}>
          <strong>
            Account {a.name}
            {a.accountId && a.accountId !== a.name ? ` (${a.accountId})` : ""}
          </strong>{" "}
          not polled since {a.error!.at.slice(0, 19).replace("T", " ")} UTC: {a.error!.message}
        </li>
      ))}
    </ul>
  );
}
