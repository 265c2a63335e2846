/**
 * A generated corpus of hostile and malformed `/go` queries: broken, truncated, over-long and Unicode ARNs,
 * other services' ARNs and console links, broken / huge / foreign alarm notifications, and `<script>` text.
 * Each case says what resolveQuery should make of it; the test asserts it never throws.
 */

/** One bad query and the outcome resolveQuery owes it. */
export interface BadInput {
  label: string;
  text: string;
  /** `alarm-name` only where CloudWatch would accept the text as an alarm name (1–255 printable characters). */
  expected: "invalid" | "alarm-name";
  /** The alarm name expected when `expected` is `alarm-name`; defaults to the trimmed text. */
  alarmName?: string;
}

const ACCOUNT = "123456789012";
const SM = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`;
const EXECUTION = `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:run-1`;
const PARTITION_REGIONS = [
  ["aws", "us-east-1", "us-east-1.console.aws.amazon.com"],
  ["aws-cn", "cn-north-1", "console.amazonaws.cn"],
  ["aws-us-gov", "us-gov-west-1", "console.amazonaws-us-gov.com"],
] as const;
const SCRIPT = "<script>alert(1)</script>";

// Characters the Step Functions naming rules forbid (whitespace, brackets, wildcards, specials, controls).
const FORBIDDEN_NAME_CHARS = [
  " ", "\t", "\n", "\r", "\u00a0", "\u2028", "\u3000", "<", ">", "{", "}", "[", "]", "?", "*", '"', "#", "%",
  "\\", "^", "|", "~", "`", "$", "&", ",", ";", "/", "\u0000", "\u001f", "\u007f", "\u0085", "\u009f",
];

function badArns(): BadInput[] {
  const out: BadInput[] = [];
  const add = (label: string, text: string) => out.push({ label: `arn: ${label}`, text, expected: "invalid" });
  const hex = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
  for (const c of FORBIDDEN_NAME_CHARS) {
    add(`state machine name with ${hex(c)}`, `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:or${c}ders`);
    add(`execution name with ${hex(c)}`, `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:ru${c}n-1`);
    add(`activity name with ${hex(c)}`, `arn:aws:states:us-east-1:${ACCOUNT}:activity:appr${c}ove`);
  }
  for (const p of ["aws-iso", "AWS", "", "aws-cn-north", "awscn", "aws-us-gov-west", "amazon", "аws" /* Cyrillic а */]) {
    add(`partition "${p}"`, `arn:${p}:states:us-east-1:${ACCOUNT}:stateMachine:orders`);
  }
  for (const s of ["lambda", "sns", "sqs", "iam", "s3", "cloudwatch", "events", "logs", "state", "States", "stepfunctions", "stаtes" /* Cyrillic а */, ""]) {
    add(`service "${s}" with a Step Functions resource`, `arn:aws:${s}:us-east-1:${ACCOUNT}:stateMachine:orders`);
  }
  for (const r of ["US-EAST-1", "us-east", "useast1", "", "us-east-1a", "us_east_1", "1", "us-east-01", "global", "*", "us-éast-1", "us-east-1\u0301"]) {
    add(`region "${r}"`, `arn:aws:states:${r}:${ACCOUNT}:stateMachine:orders`);
  }
  for (const a of ["12345678901", "1234567890123", "12345678901a", "", "*", "１２３４５６７８９０１２", "١٢٣٤٥٦٧٨٩٠١٢", "123456789012 ", "-12345678901", "123456789012\u202e"]) {
    add(`account "${a}"`, `arn:aws:states:us-east-1:${a}:stateMachine:orders`);
  }
  for (const t of ["statemachine", "StateMachine", "state-machine", "executions", "Execution", "mapRuns", "activities", "", "task", "alias", "version", "express-execution", "state\u200bMachine"]) {
    add(`resource type "${t}"`, `arn:aws:states:us-east-1:${ACCOUNT}:${t}:orders`);
  }
  const shapes: [string, string][] = [
    ["state machine with two qualifiers", `${SM}:1:live`],
    ["empty qualifier", `${SM}:`],
    ["empty state machine name", `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:`],
    ["execution without its id", `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders`],
    ["execution with an extra part", `${EXECUTION}:extra`],
    ["execution with an empty id", `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:`],
    ["Map Run child with an empty label", `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders/:child-1`],
    ["Map Run child with an empty state machine", `arn:aws:states:us-east-1:${ACCOUNT}:execution:/Items:child-1`],
    ["express with two parts", `arn:aws:states:us-east-1:${ACCOUNT}:express:orders:run-1`],
    ["express with four parts", `arn:aws:states:us-east-1:${ACCOUNT}:express:orders:run-1:abc:def`],
    ["Map Run without a label", `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:orders:abc`],
    ["Map Run with three parts", `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:orders/Items:abc:def`],
    ["Map Run with one part", `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:orders/Items`],
    ["activity with a qualifier", `arn:aws:states:us-east-1:${ACCOUNT}:activity:approve:1`],
    ["six parts only", `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine`],
    ["just the prefix", "arn:"],
    ["colons only", "arn::::::::"],
    ["a fullwidth colon", `arn:aws:states：us-east-1:${ACCOUNT}:stateMachine:orders`],
  ];
  for (const [label, text] of shapes) add(label, text);
  const long = "x".repeat(81);
  add("81-character state machine name", `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${long}`);
  add("81-character execution name", `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:${long}`);
  add("81-character state machine in an execution", `arn:aws:states:us-east-1:${ACCOUNT}:execution:${long}:run-1`);
  add("81-character qualifier", `${SM}:${long}`);
  add("81-character activity name", `arn:aws:states:us-east-1:${ACCOUNT}:activity:${long}`);
  add("2,001-character Map Run ARN", `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:orders/${"L".repeat(2001)}:abc`.slice(0, 2001));
  add("10,000-character ARN", `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${"x".repeat(10_000)}`);
  add("300-character activity ARN", `arn:aws:states:us-east-1:${ACCOUNT}:activity:${"a".repeat(250)}`);
  add("emoji state machine name over 80 code points", `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${"😀".repeat(81)}`);
  // Every truncation of an execution ARN up to its last colon (shorter than "arn:" is plain text).
  for (let end = 4; end <= EXECUTION.lastIndexOf(":") + 1; end++) add(`execution ARN cut at ${end}`, EXECUTION.slice(0, end));
  for (const [place, text] of [
    ["name", `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${SCRIPT}`],
    ["execution name", `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:${SCRIPT}`],
    ["resource type", `arn:aws:states:us-east-1:${ACCOUNT}:${SCRIPT}:orders`],
    ["region", `arn:aws:states:${SCRIPT}:${ACCOUNT}:stateMachine:orders`],
    ["partition", `arn:${SCRIPT}:states:us-east-1:${ACCOUNT}:stateMachine:orders`],
  ] as const) {
    add(`<script> in the ${place}`, text);
  }
  return out;
}

function otherServicesArns(): BadInput[] {
  const out: BadInput[] = [];
  for (const [p, r] of PARTITION_REGIONS) {
    const arns = [
      `arn:${p}:lambda:${r}:${ACCOUNT}:function:orders-handler`,
      `arn:${p}:lambda:${r}:${ACCOUNT}:function:orders-handler:live`,
      `arn:${p}:sns:${r}:${ACCOUNT}:alerts`,
      `arn:${p}:sqs:${r}:${ACCOUNT}:orders-queue`,
      `arn:${p}:iam::${ACCOUNT}:role/StatesExecutionRole`,
      `arn:${p}:s3:::my-bucket`,
      // An alarm ARN is a valid query (the alarm view); a CloudWatch dashboard ARN is not.
      `arn:${p}:cloudwatch::${ACCOUNT}:dashboard/orders`,
      `arn:${p}:events:${r}:${ACCOUNT}:rule/orders`,
      `arn:${p}:logs:${r}:${ACCOUNT}:log-group:/aws/vendedlogs/states/orders:*`,
      `arn:${p}:dynamodb:${r}:${ACCOUNT}:table/Orders`,
      `arn:${p}:ecs:${r}:${ACCOUNT}:task/cluster/0123456789abcdef`,
      `arn:${p}:glue:${r}:${ACCOUNT}:job/etl`,
      `arn:${p}:batch:${r}:${ACCOUNT}:job-queue/orders`,
      `arn:${p}:kms:${r}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      `arn:${p}:execute-api:${r}:${ACCOUNT}:abc123/prod/GET/orders`,
      `arn:${p}:sts::${ACCOUNT}:assumed-role/Admin/me`,
      `arn:${p}:secretsmanager:${r}:${ACCOUNT}:secret:db-AbCdEf`,
      `arn:${p}:ssm:${r}:${ACCOUNT}:parameter/app/db`,
    ];
    for (const text of arns) out.push({ label: `other service: ${text}`, text, expected: "invalid" });
  }
  return out;
}

function badConsoleUrls(): BadInput[] {
  const out: BadInput[] = [];
  const add = (label: string, text: string) => out.push({ label: `console: ${label}`, text, expected: "invalid" });
  for (const [p, r, host] of PARTITION_REGIONS) {
    const paths = [
      `/lambda/home?region=${r}#/functions/orders-handler`,
      `/cloudwatch/home?region=${r}#alarmsV2:alarm/orders-failed`,
      `/cloudwatch/home?region=${r}#logsV2:log-groups/log-group/$252Faws$252Fvendedlogs$252Fstates$252Forders`,
      `/sns/v3/home?region=${r}#/topic/arn:${p}:sns:${r}:${ACCOUNT}:alerts`,
      `/sqs/v3/home?region=${r}#/queues`,
      `/s3/buckets/my-bucket?region=${r}`,
      `/iam/home#/roles/StatesExecutionRole`,
      `/ec2/home?region=${r}#Instances:`,
      `/dynamodbv2/home?region=${r}#table?name=Orders`,
      `/events/home?region=${r}#/rules`,
      `/cloudformation/home?region=${r}#/stacks`,
      `/console/home?region=${r}`,
      `/`,
      // Another service's page whose fragment happens to hold a Step Functions ARN.
      `/lambda/home?region=${r}#/functions/x?arn=arn:${p}:states:${r}:${ACCOUNT}:stateMachine:orders`,
    ];
    for (const path of paths) add(`${host}${path}`, `https://${host}${path}`);
  }
  add("global console host, lambda", "https://console.aws.amazon.com/lambda/home#/functions");
  const arnFragment = `#/v2/executions/details/${EXECUTION}`;
  for (const host of [
    "example.com",
    "console.aws.amazon.com.evil.example",
    "evilconsole.aws.amazon.com",
    "signin.aws.amazon.com",
    "docs.aws.amazon.com",
    "aws.amazon.com",
    "127.0.0.1:3000",
    "us-east-1.console.aws.amazon.com@evil.example",
  ]) {
    add(`not the console: ${host}`, `https://${host}/states/home${arnFragment}`);
  }
  add("ftp scheme", `ftp://us-east-1.console.aws.amazon.com/states/home${arnFragment}`);
  add("file scheme", "file:///etc/passwd");
  add("websocket scheme", `wss://us-east-1.console.aws.amazon.com/states/home${arnFragment}`);
  add("host with <script>", `https://${SCRIPT}/states/home`);
  const sfn = "https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1";
  add("state machine list", `${sfn}#/statemachines`);
  add("empty details", `${sfn}#/v2/executions/details/`);
  add("truncated execution ARN", `${sfn}#/v2/executions/details/arn:aws:states:us-east-1:${ACCOUNT}:execution:orders`);
  add("lambda ARN in the fragment", `${sfn}#/v2/executions/details/arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`);
  add("broken percent encoding", `${sfn}#/v2/executions/details/arn%3Aaws%E0%A4%A`);
  add("double-encoded ARN", `${sfn}#/v2/executions/details/${encodeURIComponent(encodeURIComponent(EXECUTION))}`);
  add("Express execution", `${sfn}#/express-executions/details/arn:aws:states:us-east-1:${ACCOUNT}:express:orders:run-1:abc`);
  add("activity", `${sfn}#/activities/details/arn:aws:states:us-east-1:${ACCOUNT}:activity:approve`);
  add("<script> in the fragment", `${sfn}#/v2/executions/details/${SCRIPT}`);
  add("<script> as the state machine name", `${sfn}#/statemachines/view/arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${SCRIPT}`);
  add("no fragment", sfn);
  return out;
}

function alarm(namespace: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AlarmName: "orders-failed",
    AlarmDescription: "Orders pipeline failures",
    NewStateValue: "ALARM",
    NewStateReason: "Threshold Crossed: 1 datapoint [2.0] was greater than the threshold (0.0).",
    StateChangeTime: "2025-06-01T12:00:00.000+0000",
    Region: "US East (N. Virginia)",
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:orders-failed`,
    Trigger: {
      MetricName: "ExecutionsFailed",
      Namespace: namespace,
      Statistic: "SUM",
      Dimensions: [{ value: SM, name: "StateMachineArn" }],
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
    },
    ...extra,
  };
}

function envelope(message: string): string {
  return JSON.stringify({ Type: "Notification", MessageId: "0f1e2d3c", TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`, Message: message });
}

function badAlarms(): BadInput[] {
  const out: BadInput[] = [];
  const add = (label: string, text: string) => out.push({ label: `alarm: ${label}`, text, expected: "invalid" });
  const good = JSON.stringify(alarm("AWS/States"), null, 2);
  for (let end = 1; end < good.length; end += 17) add(`alarm JSON cut at ${end}`, good.slice(0, end));
  for (let end = 1; end < good.length; end += 97) add(`SNS envelope around alarm JSON cut at ${end}`, envelope(good.slice(0, end)));
  for (const ns of ["AWS/Lambda", "AWS/SQS", "AWS/EC2", "AWS/ApplicationELB", "AWS/SNS", "AWS/Events", "Custom/Orders", "aws/states", "AWS/States ", "AWS/StepFunctions"]) {
    add(`namespace "${ns}"`, JSON.stringify(alarm(ns)));
    add(`namespace "${ns}" in an SNS envelope`, envelope(JSON.stringify(alarm(ns))));
  }
  const pad = (n: number) => "x".repeat(n);
  add("valid alarm over 262,144 characters", JSON.stringify(alarm("AWS/States", { AlarmDescription: pad(262_144) })));
  add("SNS envelope over 262,144 characters", envelope(JSON.stringify(alarm("AWS/States", { AlarmDescription: pad(262_144) }))));
  add("a brace and 300,000 characters", `{${pad(300_000)}`);
  add("a brace and whitespace", "{     \n\t   ");
  add("a megabyte of nested arrays", `{"a":${"[".repeat(600_000)}${"]".repeat(600_000)}}`);
  add("130,000 nested arrays (under the size cap)", `{"a":${"[".repeat(130_000)}${"]".repeat(130_000)}}`);
  const structural: [string, string][] = [
    ["empty object", "{}"],
    ["empty AlarmName", '{"AlarmName":""}'],
    ["numeric AlarmName", '{"AlarmName":5}'],
    ["null AlarmName", '{"AlarmName":null}'],
    ["array AlarmName", '{"AlarmName":["a"]}'],
    ["AlarmName only in __proto__", '{"__proto__":{"AlarmName":"x"}}'],
    ["envelope whose Message is an object", '{"Type":"Notification","Message":{"AlarmName":"x"}}'],
    ["envelope whose Message is not JSON", '{"Type":"Notification","Message":"not json"}'],
    ["envelope whose Message is an array", '{"Type":"Notification","Message":"[]"}'],
    ["envelope whose Message is {}", '{"Type":"Notification","Message":"{}"}'],
    ["envelope whose Message is null", '{"Type":"Notification","Message":"null"}'],
    ["subscription confirmation", '{"Type":"SubscriptionConfirmation","Message":"You have chosen to subscribe","Token":"abc"}'],
    ["StateMachineArn dimension holding a Lambda ARN", JSON.stringify(alarm("AWS/States", { Trigger: { Namespace: "AWS/States", Dimensions: [{ name: "StateMachineArn", value: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` }] } }))],
    ["StateMachineArn dimension holding text", JSON.stringify(alarm("AWS/States", { Trigger: { Namespace: "AWS/States", Dimensions: [{ name: "StateMachineArn", value: "orders" }] } }))],
    ["StateMachineArn dimension holding <script>", JSON.stringify(alarm("AWS/States", { Trigger: { Namespace: "AWS/States", Dimensions: [{ Name: "StateMachineArn", Value: SCRIPT }] } }))],
    ["<script> AlarmName on another namespace", JSON.stringify(alarm("AWS/Lambda", { AlarmName: SCRIPT }))],
    ["trailing garbage after the alarm", `${JSON.stringify(alarm("AWS/States"))}<script>`],
    ["two alarms back to back", `${JSON.stringify(alarm("AWS/States"))}${JSON.stringify(alarm("AWS/States"))}`],
    ["single-quoted JSON", "{'AlarmName':'orders-failed'}"],
  ];
  for (const [label, text] of structural) add(label, text);
  return out;
}

function plainText(): BadInput[] {
  const invalid = (label: string, text: string): BadInput => ({ label: `text: ${label}`, text, expected: "invalid" });
  const alarmName = (label: string, text: string): BadInput => ({ label: `text: ${label}`, text, expected: "alarm-name" });
  return [
    invalid("empty", ""),
    invalid("spaces", "   "),
    invalid("whitespace and newlines", "\n\t \r\n"),
    invalid("NUL", "\u0000"),
    invalid("bell inside a name", "orders\u0007failed"),
    invalid("a line break inside", "orders\nfailed"),
    invalid("DEL inside", "orders\u007ffailed"),
    invalid("256 characters", "x".repeat(256)),
    invalid("100,000 characters", "x".repeat(100_000)),
    invalid("300,000 characters", "x".repeat(300_000)),
    invalid("256 accented characters", "é".repeat(256)),
    invalid("256 emoji", "😀".repeat(256)),
    invalid("<script> over 255 characters", `${SCRIPT}${"x".repeat(300)}`),
    invalid("<script> with a line break", `<script>\nalert(1)</script>`),
    invalid("https link with no host", "https://"),
    invalid("link to a random site", "https://example.com/<script>"),
    alarmName("255 characters", "x".repeat(255)),
    alarmName("a <script> tag", SCRIPT),
    alarmName("a <script> tag with spaces around", `   ${SCRIPT}   `),
    alarmName("an <img onerror>", "<img src=x onerror=alert(1)>"),
    // Script and document schemes are refused (400, not echoed) before any DescribeAlarms.
    invalid("javascript: pseudo-URL", "javascript:alert(1)"),
    invalid("javascript: in capitals", "JavaScript:alert(1)"),
    invalid("javascript: with a tab inside the scheme", "java\tscript:alert(1)"),
    invalid("vbscript: pseudo-URL", "vbscript:msgbox(1)"),
    invalid("data: pseudo-URL", `data:text/html,${SCRIPT}`),
    invalid("data: base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    alarmName("SQL injection", "' OR 1=1 --"),
    alarmName("path traversal", "../../etc/passwd"),
    alarmName("encoded <script>", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    alarmName("RTL override", `\u202e${SCRIPT}`),
    alarmName("a JSON array", '["AlarmName","orders-failed"]'),
    alarmName("ARN in capitals", `ARN:AWS:STATES:US-EAST-1:${ACCOUNT}:STATEMACHINE:ORDERS`),
    alarmName("console host without scheme", "us-east-1.console.aws.amazon.com/states/home"),
  ];
}

/** Every bad input, labelled; the labels are unique. */
export function buildBadInputs(): BadInput[] {
  return [...badArns(), ...otherServicesArns(), ...badConsoleUrls(), ...badAlarms(), ...plainText()];
}
