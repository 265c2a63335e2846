import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import type { SandboxEvent } from "./gateway/states-metrics";

/** A log file for everything the terminal should not show (moto's tracebacks, worker and metrics chatter). */
export interface LogFile {
  path: string;
  write(line: string): void;
  close(): Promise<void>;
}

/** Open .sandbox/logs/<name>-<time>.log (gitignored), or SANDBOX_LOG when set. */
export function openLogFile(root: string, name: string, env: NodeJS.ProcessEnv = process.env): LogFile {
  const file = env.SANDBOX_LOG || path.join(root, ".sandbox", "logs", `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: "a" });
  return {
    path: file,
    write: (line) => void out.write(`${new Date().toISOString()} ${line}\n`),
    close: () => new Promise<void>((resolve) => out.end(() => resolve())),
  };
}

/** One terminal line per event worth seeing; with a dashboard URL, failures carry the link to their triage page. */
export function eventLine(event: SandboxEvent, dashboardUrl?: string): string {
  const time = new Date(event.atMs).toISOString().slice(11, 19);
  if (event.kind === "alarm") return `${time}  ALARM      ${event.alarmName} (${event.metricName} = ${event.value})`;
  const name = event.executionArn.split(":").at(-1) ?? event.executionArn;
  const link = dashboardUrl ? `  ${dashboardUrl}/executions/${encodeURIComponent(event.executionArn)}` : "";
  return `${time}  ${event.status.padEnd(9)}  ${event.stateMachine}  ${name}${event.error ? `  ${event.error}` : ""}${link}`;
}
