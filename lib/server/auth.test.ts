import { describe, expect, it } from "vitest";
import { AuthConfigError, checkAuthorization, hashPassword, isPublicPath, parseBasicAuthConfig, parseBasicHeader, verifyPassword } from "./auth";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
const configured = hashPassword("ops", "correct horse", Buffer.from("0123456789abcdef"));

describe("hashPassword / parseBasicAuthConfig", () => {
  it("makes a user:scrypt:salt:hash value that parses back", () => {
    expect(configured).toMatch(/^ops:scrypt:[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$/);
    const credential = parseBasicAuthConfig(configured);
    expect(credential.user).toBe("ops");
    expect(credential.salt.toString()).toBe("0123456789abcdef");
    expect(credential.hash).toHaveLength(32);
  });

  it("salts: the same password hashes differently each time", () => {
    expect(hashPassword("ops", "pw")).not.toBe(hashPassword("ops", "pw"));
  });

  it("never contains the password", () => {
    expect(hashPassword("ops", "hunter2-secret")).not.toContain("hunter2");
  });

  it.each([
    ["empty", ""],
    ["plain password", "ops:hunter2"],
    ["other scheme", "ops:bcrypt:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA=="],
    ["no user", ":scrypt:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA=="],
    ["not base64", "ops:scrypt:!!!:aGFzaGhhc2hoYXNoaGFzaA=="],
    ["short salt", "ops:scrypt:c2FsdA==:aGFzaGhhc2hoYXNoaGFzaA=="],
    ["short hash", "ops:scrypt:c2FsdHNhbHQ=:aGFzaA=="],
    ["extra part", `${configured}:x`],
  ])("rejects a malformed value (%s)", (_label, raw) => {
    expect(() => parseBasicAuthConfig(raw)).toThrow(AuthConfigError);
  });

  it("refuses user names with ':' and empty passwords", () => {
    expect(() => hashPassword("a:b", "pw")).toThrow();
    expect(() => hashPassword("ops", "")).toThrow();
  });
});

describe("verifyPassword / checkAuthorization", () => {
  const credential = parseBasicAuthConfig(configured);

  it("accepts the right user and password only", async () => {
    expect(await verifyPassword(credential, "ops", "correct horse")).toBe(true);
    expect(await verifyPassword(credential, "ops", "correct hors")).toBe(false);
    expect(await verifyPassword(credential, "Ops", "correct horse")).toBe(false);
    expect(await verifyPassword(credential, "", "")).toBe(false);
  });

  it("treats NFC and NFD spellings of a password alike", async () => {
    const value = hashPassword("ops", "caf\u00e9");
    expect(await verifyPassword(parseBasicAuthConfig(value), "ops", "cafe\u0301")).toBe(true);
  });

  it("answers missing for no or non-Basic headers, wrong for bad passwords", async () => {
    expect(await checkAuthorization(configured, null)).toEqual({ ok: false, reason: "missing" });
    expect(await checkAuthorization(configured, "Bearer abc")).toEqual({ ok: false, reason: "missing" });
    expect(await checkAuthorization(configured, "Basic !!!")).toEqual({ ok: false, reason: "missing" });
    expect(await checkAuthorization(configured, `Basic ${Buffer.from("nocolon").toString("base64")}`)).toEqual({ ok: false, reason: "missing" });
    expect(await checkAuthorization(configured, basic("ops", "wrong"))).toEqual({ ok: false, reason: "wrong" });
    expect(await checkAuthorization(configured, basic("ops", "correct horse"))).toEqual({ ok: true });
    // Second time from the cache of verified headers: still right, and still wrong for the wrong one.
    expect(await checkAuthorization(configured, basic("ops", "correct horse"))).toEqual({ ok: true });
    expect(await checkAuthorization(configured, basic("ops", "wrong"))).toEqual({ ok: false, reason: "wrong" });
  });

  it("forgets verified headers when the configured credential changes", async () => {
    expect(await checkAuthorization(configured, basic("ops", "correct horse"))).toEqual({ ok: true });
    const rotated = hashPassword("ops", "new password");
    expect(await checkAuthorization(rotated, basic("ops", "correct horse"))).toEqual({ ok: false, reason: "wrong" });
    expect(await checkAuthorization(rotated, basic("ops", "new password"))).toEqual({ ok: true });
  });

  it("decodes passwords containing ':' and UTF-8", () => {
    expect(parseBasicHeader(basic("ops", "a:b:ü"))).toEqual({ user: "ops", password: "a:b:ü" });
  });

  it("exempts only the liveness probe", () => {
    expect(isPublicPath("/api/health")).toBe(true);
    for (const p of ["/", "/api/fleet", "/api/health/x", "/api/healthz", "/executions/x"]) expect(isPublicPath(p)).toBe(false);
  });
});
