/**
 * npm run --silent hash-password -- USER
 *
 * Prints an SFN_TRIAGE_BASIC_AUTH value (`USER:scrypt:<salt>:<hash>`) for a password read from stdin:
 * typed at a prompt (not echoed) on a terminal, or piped (`printf %s "$PW" | npm run --silent hash-password -- ops`).
 * The password never goes on the command line, where `ps` and shell history would keep it.
 * Exit 0 on success, 2 with a one-line message on bad input.
 */
import { hashPassword } from "@/lib/server/auth";

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    // One trailing newline from `echo` is not part of the password.
    return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  }
  process.stderr.write("Password: ");
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let text = "";
    stdin.on("data", (key: string) => {
      for (const c of key) {
        if (c === "\r" || c === "\n" || c === "\u0004") {
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write("\n");
          resolve(text);
          return;
        }
        if (c === "\u0003") {
          stdin.setRawMode(false);
          reject(new Error("cancelled"));
          return;
        }
        if (c === "\u007f") text = text.slice(0, -1);
        else text += c;
      }
    });
  });
}

async function main(): Promise<number> {
  const user = process.argv[2];
  if (!user || process.argv.length > 3) {
    process.stderr.write("usage: hash-password USER   (the password is read from stdin)\n");
    return 2;
  }
  try {
    const value = hashPassword(user, await readPassword());
    process.stdout.write(`${value}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`hash-password: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

void main().then((code) => process.exit(code));
