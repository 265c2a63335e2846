type Json = Record<string, unknown>;

/** States in one repeated block of the synthetic definition. */
const BLOCK_STATES = 14;

function block(k: number, next: string): Json {
  const p = (name: string) => `${name}${k}`;
  return {
    [p("Fetch")]: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ["States.Timeout", "Lambda.ServiceException"], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: p("Handle") }],
      Next: p("Route"),
    },
    [p("Route")]: {
      Type: "Choice",
      Choices: [{ Variable: "$.kind", StringEquals: "fan-out", Next: p("Checks") }],
      Default: p("Items"),
    },
    [p("Checks")]: {
      Type: "Parallel",
      Branches: [1, 2].map((b) => ({
        StartAt: p(`Check${b}a_`),
        States: {
          [p(`Check${b}a_`)]: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 600, Next: p(`Check${b}b_`) },
          [p(`Check${b}b_`)]: { Type: "Pass", End: true },
        },
      })),
      Next: p("Pause"),
    },
    [p("Items")]: {
      Type: "Map",
      ItemsPath: "$.items",
      MaxConcurrency: 5,
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: p("Transform"),
        States: {
          [p("Transform")]: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Next: p("Tag") },
          [p("Tag")]: { Type: "Pass", End: true },
        },
      },
      Next: p("Pause"),
    },
    [p("Pause")]: { Type: "Wait", Seconds: 1, Next: p("Record") },
    [p("Record")]: { Type: "Pass", Next: next },
    [p("Handle")]: { Type: "Pass", ResultPath: "$.error", Next: p("Failed") },
    [p("Failed")]: { Type: "Fail", Error: "Block.Failed", Cause: `block ${k}` },
  };
}

/**
 * A valid definition with exactly `stateCount` states (nested ones included) mixing every state type:
 * Task with Retry and Catch, Choice, Parallel, inline Map, Wait, Pass, Fail, Succeed. Deterministic,
 * for layout benchmarks and large-graph tests.
 */
export function makeSyntheticDefinition(stateCount: number): Json {
  if (stateCount < 1) throw new Error("stateCount must be at least 1");
  const blocks = Math.floor((stateCount - 1) / BLOCK_STATES);
  const fillers = stateCount - 1 - blocks * BLOCK_STATES;
  const states: Json = {};
  const names: string[] = [];
  for (let k = 1; k <= blocks; k += 1) names.push(`Fetch${k}`);
  for (let f = 1; f <= fillers; f += 1) names.push(`Step${f}`);
  names.push("Done");
  names.forEach((name, i) => {
    const next = names[i + 1] ?? "Done";
    if (name.startsWith("Fetch")) Object.assign(states, block(Number(name.slice(5)), next));
    else if (name.startsWith("Step")) states[name] = { Type: "Pass", Next: next };
  });
  states.Done = { Type: "Succeed" };
  return { Comment: `Synthetic definition with ${stateCount} states`, StartAt: names[0], TimeoutSeconds: 3600, States: states };
}
