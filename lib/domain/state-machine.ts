/** Step Functions workflow types. Express has no history API. */
export const STATE_MACHINE_TYPES = ["STANDARD", "EXPRESS"] as const;
export type StateMachineType = (typeof STATE_MACHINE_TYPES)[number];

/** One state machine as the dashboard lists it, JSON-safe. */
export interface StateMachineSummary {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  region: string;
  creationDate: string;
}

/** DescribeStateMachine / DescribeStateMachineForExecution, JSON-safe. */
export interface StateMachineDescription extends StateMachineSummary {
  definition: string;
  roleArn?: string;
  status?: string;
}
