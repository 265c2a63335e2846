import { CreateStateMachineCommand, SFNClient, StartExecutionCommand, UpdateStateMachineCommand } from "@aws-sdk/client-sfn";
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from "./aws-clients";

/**
 * The sandbox's second account ("payments"): its own state machines, reached by the dashboard through STS
 * AssumeRole as in AWS. moto keys accounts by the caller's access key, and its AssumeRole returns keys of the
 * role's account (moto/sts/models.py: "the role does not need to exist; the ARN can point to another account").
 * The sandbox's own calls into that account name it with moto's x-moto-account-id header instead.
 */
export const SECOND_ACCOUNT_ID = "210987654321";
/** The name the demo gives the second account on the fleet. */
export const SECOND_ACCOUNT_NAME = "payments";
/** The read-only role the dashboard assumes in the second account. */
export const SECOND_ACCOUNT_ROLE_ARN = `arn:aws:iam::${SECOND_ACCOUNT_ID}:role/sfn-triage-read`;

/** ARN of a state machine of the second account. */
export function secondAccountStateMachineArn(name: string): string {
  return `arn:aws:states:${SANDBOX_REGION}:${SECOND_ACCOUNT_ID}:stateMachine:${name}`;
}

/** The second account's workflows: pure ASL (Pass, Choice, Fail), so they need no workers or Lambda there. */
export const SECOND_ACCOUNT_WORKFLOWS = {
  "ledger-reconcile": {
    description: "Load → Compare → Balanced? → Reconciled | LedgerMismatch (Fail Ledger.Mismatch) when the totals differ.",
    definition: {
      Comment: "Reconcile the day's ledger against the bank statement.",
      StartAt: "LoadTotals",
      States: {
        LoadTotals: { Type: "Pass", Next: "Balanced" },
        Balanced: { Type: "Choice", Choices: [{ Variable: "$.ledger", NumericEqualsPath: "$.bank", Next: "Reconciled" }], Default: "LedgerMismatch" },
        Reconciled: { Type: "Succeed" },
        LedgerMismatch: { Type: "Fail", Error: "Ledger.Mismatch", Cause: "The ledger total differs from the bank statement." },
      },
    },
  },
  "payout-batch": {
    description: "Validate → PayoutsAllowed? → Paid | PayoutRejected (Fail Payout.Rejected) for a frozen merchant.",
    definition: {
      Comment: "Pay merchants their settled balance.",
      StartAt: "Validate",
      States: {
        Validate: { Type: "Pass", Next: "PayoutsAllowed" },
        PayoutsAllowed: { Type: "Choice", Choices: [{ Variable: "$.frozen", BooleanEquals: true, Next: "PayoutRejected" }], Default: "Paid" },
        Paid: { Type: "Succeed" },
        PayoutRejected: { Type: "Fail", Error: "Payout.Rejected", Cause: "The merchant's account is frozen." },
      },
    },
  },
} as const;

/** A name of the second account's state machines. */
export type SecondAccountWorkflow = keyof typeof SECOND_ACCOUNT_WORKFLOWS;

/** A Step Functions client aimed at moto, acting in the second account. */
export function secondAccountSfnClient(endpoint: string): SFNClient {
  const client = new SFNClient({ endpoint, region: SANDBOX_REGION, credentials: SANDBOX_CREDENTIALS, maxAttempts: 3 });
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers["x-moto-account-id"] = SECOND_ACCOUNT_ID;
      return next(args);
    },
    { step: "build", name: "motoSecondAccount" },
  );
  return client;
}

/** Creates (or updates) the second account's state machines. */
export async function seedSecondAccount(sfn: SFNClient): Promise<void> {
  const roleArn = `arn:aws:iam::${SECOND_ACCOUNT_ID}:role/sfn-triage-sandbox`;
  for (const [name, wf] of Object.entries(SECOND_ACCOUNT_WORKFLOWS)) {
    const definition = JSON.stringify(wf.definition);
    try {
      await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn, type: "STANDARD" }));
    } catch (err) {
      if ((err as { name?: string }).name !== "StateMachineAlreadyExists") throw err;
      await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: secondAccountStateMachineArn(name), definition }));
    }
  }
}

/** Starts one execution in the second account: every other one of each workflow fails. */
export async function startSecondAccountExecution(sfn: SFNClient, n: number): Promise<string> {
  const name: SecondAccountWorkflow = n % 2 === 0 ? "ledger-reconcile" : "payout-batch";
  const fail = Math.floor(n / 2) % 2 === 0;
  const input = name === "ledger-reconcile" ? { ledger: 100, bank: fail ? 99 : 100 } : { frozen: fail };
  const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: secondAccountStateMachineArn(name), name: `run-${n}-${Date.now()}`, input: JSON.stringify(input) }));
  return out.executionArn ?? "";
}

/** The second account's traffic: one execution of each kind at start, then one every `everyMs`. */
export class SecondAccountTraffic {
  private timer: NodeJS.Timeout | null = null;
  private n = 0;

  constructor(
    private readonly sfn: () => SFNClient,
    private readonly log: (line: string) => void,
    private readonly everyMs = 15_000,
  ) {}

  /** Begin: four executions now (both outcomes of both workflows), then one per interval. */
  start(): void {
    void this.burst();
    this.timer = setInterval(() => void this.one(), this.everyMs);
    this.timer.unref();
  }

  /** One of every kind again (after a moto restart). */
  async burst(): Promise<void> {
    for (let i = 0; i < 4; i++) await this.one();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async one(): Promise<void> {
    try {
      await startSecondAccountExecution(this.sfn(), this.n++);
    } catch (err) {
      this.log(`second account: StartExecution failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
