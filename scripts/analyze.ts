/**
 * npm run --silent analyze -- FILE|- [--text] [--definition FILE] [--region R] [--executions-per-month N]
 *
 * Reads GetExecutionHistory output (`aws stepfunctions get-execution-history` prints {"events": [...]})
 * or a recorded fixture (which carries `definition` too) and prints the ExecutionReport as JSON, or a
 * short summary with --text. Exit 0 on success, 2 with a one-line message on bad input.
 */
import { readFileSync } from "node:fs";
import { buildExecutionReport, formatReportSummary, isHistoryError } from "@/lib/analysis";

const USAGE = "usage: analyze FILE|- [--text] [--definition FILE] [--region R] [--executions-per-month N]";

class UsageError extends Error {}

interface CliOptions {
  file: string;
  text: boolean;
  definitionFile: string | null;
  region: string | null;
  executionsPerMonth: number | null;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { file: "", text: false, definitionFile: null, region: null, executionsPerMonth: null };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value. ${USAGE}`);
      return next;
    };
    if (arg === "--text") options.text = true;
    else if (arg === "--definition") options.definitionFile = value();
    else if (arg === "--region") options.region = value();
    else if (arg === "--executions-per-month") {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new UsageError("--executions-per-month needs a non-negative number.");
      options.executionsPerMonth = n;
    } else if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}. ${USAGE}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(USAGE);
  options.file = files[0]!;
  return options;
}

function readText(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file === "-" ? "stdin" : file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${file === "-" ? "stdin" : file} is not JSON.`);
  }
}

function main(argv: string[]): number {
  try {
    const options = parseArgs(argv);
    const input = readJson(options.file);
    let definition: unknown = null;
    if (typeof input === "object" && input !== null && "definition" in input) definition = (input as { definition: unknown }).definition;
    if (options.definitionFile !== null) definition = readText(options.definitionFile);
    if (definition !== null && typeof definition !== "string" && typeof definition !== "object") {
      throw new UsageError("the definition must be ASL JSON.");
    }
    const report = buildExecutionReport(input, {
      definition: definition as string | object | null,
      region: options.region,
      executionsPerMonth: options.executionsPerMonth,
      now: new Date(),
    });
    // `attempts` is the old name of `runs` (redrive spans): kept in the JSON, which scripts may already read.
    const json = { ...report, attempts: report.runs };
    process.stdout.write(options.text ? `${formatReportSummary(report)}\n` : `${JSON.stringify(json, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isHistoryError(error)) {
      const code = isHistoryError(error) ? ` (${error.code})` : "";
      process.stderr.write(`analyze: ${error.message.replace(/\s+/g, " ")}${code}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
