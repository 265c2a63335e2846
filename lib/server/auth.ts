import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import { FailedLoginLimiter } from "./client-limits";

/**
 * Built-in HTTP basic auth. The credential lives in SFN_TRIAGE_BASIC_AUTH as
 * `user:scrypt:<salt-b64>:<hash-b64>` (scripts/hash-password.ts makes one), so the environment never
 * holds the password itself. No import of `server-only`: proxy.ts runs this before any page.
 */

/** The parsed SFN_TRIAGE_BASIC_AUTH value. */
export interface BasicAuthCredential {
  user: string;
  salt: Buffer;
  hash: Buffer;
}

/** scrypt cost (N=2^14, r=8, p=1: node's defaults, ≈ 16 MiB and tens of ms per check). */
const SCRYPT_OPTIONS = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const HASH_BYTES = 32;
const SALT_BYTES = 16;

/** Thrown when SFN_TRIAGE_BASIC_AUTH is set but malformed: the server must not start open by mistake. */
export class AuthConfigError extends Error {}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses `user:scrypt:<salt-b64>:<hash-b64>`; throws AuthConfigError on anything else. */
export function parseBasicAuthConfig(raw: string): BasicAuthCredential {
  const parts = raw.trim().split(":");
  if (parts.length !== 4) throw new AuthConfigError("SFN_TRIAGE_BASIC_AUTH must be user:scrypt:<salt-base64>:<hash-base64> (see npm run hash-password).");
  const [user, scheme, saltB64, hashB64] = parts as [string, string, string, string];
  if (!user) throw new AuthConfigError("SFN_TRIAGE_BASIC_AUTH has an empty user name.");
  if (scheme !== "scrypt") throw new AuthConfigError(`SFN_TRIAGE_BASIC_AUTH uses "${scheme}"; only scrypt is supported.`);
  if (!B64.test(saltB64) || !B64.test(hashB64)) throw new AuthConfigError("SFN_TRIAGE_BASIC_AUTH salt and hash must be base64.");
  const salt = Buffer.from(saltB64, "base64");
  const hash = Buffer.from(hashB64, "base64");
  if (salt.length < 8) throw new AuthConfigError("SFN_TRIAGE_BASIC_AUTH salt must be at least 8 bytes.");
  if (hash.length < 16 || hash.length > 64) throw new AuthConfigError("SFN_TRIAGE_BASIC_AUTH hash must be 16 to 64 bytes.");
  return { user, salt, hash };
}

/** Makes an SFN_TRIAGE_BASIC_AUTH value for this user and password (random salt unless given). */
export function hashPassword(user: string, password: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  if (!user || user.includes(":")) throw new Error("The user name must be non-empty and contain no ':'.");
  if (!password) throw new Error("The password must not be empty.");
  const hash = scryptSync(password.normalize("NFC"), salt, HASH_BYTES, SCRYPT_OPTIONS);
  return `${user}:scrypt:${salt.toString("base64")}:${hash.toString("base64")}`;
}

/** Decodes a `Basic` Authorization header into user and password; null when it is anything else. */
export function parseBasicHeader(header: string | null): { user: string; password: string } | null {
  if (!header) return null;
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function scryptAsync(password: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, SCRYPT_OPTIONS, (error, key) => (error ? reject(error) : resolve(key))));
}

// scrypt runs on libuv's thread pool (4 threads by default), never on the event loop; at most two at a
// time, so a flood of wrong passwords leaves threads for file and DNS work, and a short queue beyond that.
const MAX_HASHING = 2;
const MAX_QUEUED = 32;
let hashing = 0;
const queued: (() => void)[] = [];

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T | "busy"> {
  if (hashing >= MAX_HASHING) {
    if (queued.length >= MAX_QUEUED) return "busy";
    await new Promise<void>((resolve) => queued.push(resolve));
  } else {
    hashing += 1;
  }
  try {
    return await work();
  } finally {
    const next = queued.shift();
    // Hand the slot straight to the next waiter; only free it when nobody waits.
    if (next) next();
    else hashing -= 1;
  }
}

/** True when user and password match the credential; constant-time in the comparison of both; off the event loop. */
export async function verifyPassword(credential: BasicAuthCredential, user: string, password: string): Promise<boolean> {
  const actual = await scryptAsync(password.normalize("NFC"), credential.salt, credential.hash.length);
  const hashOk = timingSafeEqual(actual, credential.hash);
  // Compare digests, not the names, so unequal lengths don't short-circuit.
  const userOk = timingSafeEqual(sha256(user), sha256(credential.user));
  return hashOk && userOk;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

// scrypt per request would cost tens of ms on every page, API call and RSC fetch: remember the digests
// of headers that already passed (never the header itself), for the credential they passed against.
const VERIFIED_MAX = 64;
const verified = new Map<string, true>();
let verifiedFor: string | null = null;

// Five wrong passwords are free; then each costs the client a doubling wait, from 1 s up to 5 minutes.
const failedLogins = new FailedLoginLimiter({ free: 5, baseMs: 1_000, maxMs: 5 * 60_000 });

/** The outcome of checking one request; `retryAfterSeconds` when the client must wait (429). */
export type AuthDecision =
  | { ok: true }
  | { ok: false; reason: "missing" | "wrong" }
  | { ok: false; reason: "backoff" | "busy"; retryAfterSeconds: number };

/**
 * Checks an Authorization header against the configured value (the raw SFN_TRIAGE_BASIC_AUTH), for the
 * client `client` (see clientKey). Throws AuthConfigError when the configured value is malformed.
 */
export async function checkAuthorization(configured: string, header: string | null, client = "unknown"): Promise<AuthDecision> {
  const credential = parseBasicAuthConfig(configured);
  const given = parseBasicHeader(header);
  if (!given) return { ok: false, reason: "missing" };
  if (verifiedFor !== configured) {
    verified.clear();
    verifiedFor = configured;
  }
  const key = sha256(`${header}`).toString("base64");
  if (verified.has(key)) return { ok: true };
  const wait = failedLogins.retryAfterSeconds(client);
  if (wait > 0) return { ok: false, reason: "backoff", retryAfterSeconds: wait };
  const ok = await withHashingSlot(() => verifyPassword(credential, given.user, given.password));
  if (ok === "busy") return { ok: false, reason: "busy", retryAfterSeconds: 1 };
  if (!ok) {
    failedLogins.failed(client);
    return { ok: false, reason: "wrong" };
  }
  failedLogins.succeeded(client);
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
  verified.set(key, true);
  return { ok: true };
}

/** Whether SFN_TRIAGE_BASIC_AUTH, when set, is well formed (for /api/health): null when fine, else why not. */
export function authConfigProblem(configured = process.env.SFN_TRIAGE_BASIC_AUTH): string | null {
  if (!configured) return null;
  try {
    parseBasicAuthConfig(configured);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Paths answered without auth: the liveness probe only. */
export function isPublicPath(pathname: string): boolean {
  return pathname === "/api/health";
}

/** The realm in the WWW-Authenticate challenge. */
export const AUTH_REALM = "sfn-triage";
