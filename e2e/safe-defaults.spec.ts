import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures/test";

/** Security headers on pages and APIs, loopback by default, and no server secrets in the browser bundles. */
const ROOT = path.resolve(__dirname, "..");

test.describe("safe defaults", () => {
  for (const url of ["/", "/api/fleet", "/api/health", "/go?q=not-an-arn", "/no-such-page"]) {
    test(`security headers on ${url}`, async ({ request }) => {
      const res = await request.get(url, { maxRedirects: 0 });
      const h = res.headers();
      const csp = h["content-security-policy"] ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self'/);
      // No inline script runs unless Next put this request's nonce on it.
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // 'unsafe-eval' is for `next dev` only.
      expect(csp).not.toContain("unsafe-eval");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("no-referrer");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-powered-by"]).toBeUndefined();
    });
  }

  test("the fleet page hydrates under the Content-Security-Policy", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto("/");
    expect(res?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    // Client components only render after hydration: the React Query-driven table proves the scripts ran.
    await expect(page.locator("main")).toBeVisible();
    expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    await page.waitForLoadState("networkidle");
    // Hydrated: a filter change is handled by React and lands in the URL.
    await page.getByLabel("Status").selectOption("TIMED_OUT");
    await expect(page).toHaveURL(/status=TIMED_OUT/);
    expect(violations).toEqual([]);
  });

  test("npm start listens on 127.0.0.1 unless HOST says otherwise", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/-H \$\{HOST:-127\.0\.0\.1\}/);
    expect(pkg.scripts.dev).toMatch(/-H 127\.0\.0\.1/);
  });

  test("no AWS credentials or server environment in the client bundles", () => {
    const dir = path.join(ROOT, ".next", "static");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = path.join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".js")) files.push(p);
      }
    };
    walk(dir);
    expect(files.length, "no client bundles under .next/static: run next build first").toBeGreaterThan(0);
    // The values the e2e server runs with (playwright.config.ts) and the names that must stay server-side.
    const secretValues = [process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_ACCESS_KEY_ID].filter((v): v is string => !!v && v.length >= 8);
    const needles = [
      "AWS_SECRET_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SESSION_TOKEN",
      "process.env.AWS_",
      "SFN_TRIAGE_BASIC_AUTH",
      "AWS_ENDPOINT_URL",
      ...secretValues,
    ];
    // The sandbox's dummy credential is "test", too common a word to grep for: look for it as a credential.
    const dummyCredential = /(accessKeyId|secretAccessKey)["']?\s*:\s*["']test["']/;
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const needle of needles) if (text.includes(needle)) found.push(`${path.relative(ROOT, file)}: ${needle}`);
      if (dummyCredential.test(text)) found.push(`${path.relative(ROOT, file)}: sandbox credential`);
    }
    test.info().annotations.push({ type: "client bundles scanned", description: String(files.length) });
    expect(found).toEqual([]);
  });
});
