// Test and demo support: a throwaway Postgres cluster started and stopped by its user (the tests, `npm run demo -- --replicas N`); never imported by app code.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const FALLBACK_BINDIR = "/usr/lib/postgresql/15/bin";
const INSTALL_HINT = "Install Debian's postgresql package (apt-get install -y postgresql); .ci/run must do so when it is missing.";

/** A running throwaway cluster. */
export interface TestPostgres {
  url: string;
  /** Another empty database on the same cluster. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function bindir(): Promise<string> {
  try {
    const { stdout } = await run("pg_config", ["--bindir"]);
    const dir = stdout.trim();
    if (existsSync(path.join(dir, "initdb"))) return dir;
  } catch {
    // pg_config is in libpq-dev, which may be absent while the server binaries are present.
  }
  if (existsSync(path.join(FALLBACK_BINDIR, "initdb"))) return FALLBACK_BINDIR;
  throw new Error(`Postgres server binaries (initdb, pg_ctl) not found via pg_config --bindir or in ${FALLBACK_BINDIR}. ${INSTALL_HINT}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts a cluster in a temporary directory on a free port (as user postgres when running as root: initdb refuses root). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = await bindir();
  const dir = await mkdtemp(path.join(tmpdir(), "sfn-triage-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]).catch(() => {
      throw new Error(`Running as root and there is no postgres user to run initdb as. ${INSTALL_HINT}`);
    });
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    await chmod(dir, 0o700);
  }
  const exec = (file: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args]) : run(path.join(bin, file), args));
  const port = await freePort();
  try {
    await exec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
    await exec("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, "start"]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start a test Postgres from ${bin}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const urlOf = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    url: urlOf("postgres"),
    async createDatabase(name: string) {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: urlOf("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    async stop() {
      await exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
