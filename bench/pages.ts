/**
 * What a page costs the engineer's browser, on a production build (`next start`) on the sandbox:
 * - First-load JavaScript of every page kind: every `<script src>` in the HTML the page serves, gzipped and
 *   summed. Target: under 300 KB each; the recorded figure before issue 11's visual system was 196 KB for the
 *   execution page (printed beside it). Same-run baseline: the 404 page, the smallest page of the same build.
 * - Time to interactive of the execution page in Chromium: from navigation start until React has hydrated
 *   the page (the root layout's HydrationMark sets data-hydrated) AND the main thread is quiet (the end of the
 *   last long task, PerformanceObserver "longtask"). Median of 5 cold loads (new context each: no cache).
 *   Target 3 s on this 2-core machine; baseline: the 404 page's TTI in the same run.
 * Run alone: `npx tsx bench/run.ts pages`. Needs python3 with moto and Debian's Chromium.
 */
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { routes } from "@/lib/routes";
import { startAppHarness, type AppHarness } from "./app-harness";
import type { BenchFigure } from "./figure";

const FIRST_LOAD_TARGET = 300 * 1024;
const RECORDED_EXECUTION_PAGE_BYTES = 196 * 1024;
const TTI_TARGET_MS = 3_000;
const TTI_LOADS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function scriptSources(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.add(m[1]!.replace(/&amp;/g, "&"));
  return [...out];
}

async function firstLoadJs(appUrl: string, pagePath: string) {
  const res = await fetch(`${appUrl}${pagePath}`);
  const html = await res.text();
  const sources = scriptSources(html);
  let gzip = 0;
  let raw = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, appUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { status: res.status, scripts: sources.length, raw, gzip };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Cold loads of one page; returns the median time to interactive in ms. */
async function timeToInteractive(appUrl: string, pagePath: string): Promise<{ medianMs: number; hydratedMs: number; quietMs: number }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const runs: { tti: number; hydrated: number; quiet: number }[] = [];
    for (let i = 0; i < TTI_LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(() => {
        const w = window as unknown as { __longTaskEnd: number };
        w.__longTaskEnd = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longTaskEnd = Math.max(w.__longTaskEnd, entry.startTime + entry.duration);
        }).observe({ type: "longtask", buffered: true });
      });
      const page = await context.newPage();
      await page.goto(`${appUrl}${pagePath}`, { waitUntil: "commit" });
      await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 60_000 });
      const hydrated = await page.evaluate(() => Number(document.documentElement.dataset.hydrated));
      // Quiet: no long task for 500 ms after hydration (then the last one's end is the interactive point).
      await page.waitForFunction(() => performance.now() - (window as unknown as { __longTaskEnd: number }).__longTaskEnd > 500, undefined, { timeout: 60_000, polling: 100 });
      const quiet = await page.evaluate(() => (window as unknown as { __longTaskEnd: number }).__longTaskEnd);
      runs.push({ tti: Math.max(hydrated, quiet), hydrated, quiet });
      await context.close();
    }
    return { medianMs: median(runs.map((r) => r.tti)), hydratedMs: median(runs.map((r) => r.hydrated)), quietMs: median(runs.map((r) => r.quiet)) };
  } finally {
    await browser.close();
  }
}

async function pagesOf(h: AppHarness): Promise<[string, string][]> {
  const fleet = await h.getJson<FleetSnapshot>(`${h.appUrl}/api/fleet`);
  const failing = fleet.failing.find((e) => e.status === "FAILED") ?? fleet.failing[0];
  const sm = fleet.stateMachines.find((s) => s.alarms.length > 0) ?? fleet.stateMachines[0];
  const pages: [string, string][] = [["fleet", routes.fleet()]];
  if (failing) pages.push(["execution", routes.execution(failing.executionArn)]);
  if (sm) pages.push(["state machine", routes.stateMachine(sm.stateMachineArn)]);
  const alarm = sm?.alarms[0];
  if (sm && alarm) pages.push(["alarm view", routes.alarm(sm.stateMachineArn.split(":")[3]!, alarm.alarmName)]);
  pages.push(["404", "/no-such-page"]);
  return pages;
}

/** Measures first-load JS of every page kind and the execution page's time to interactive. */
export async function runPagesBench(): Promise<BenchFigure[]> {
  const h = await startAppHarness({ env: { SFN_TRIAGE_POLL_MS: "2000" } });
  const figures: BenchFigure[] = [];
  try {
    // Wait for a failure in the index (the sandbox's seeded workflows fail within ~35 s).
    const deadline = Date.now() + 120_000;
    while (!(await h.getJson<FleetSnapshot>(`${h.appUrl}/api/fleet`)).failing.some((e) => e.status === "FAILED")) {
      if (Date.now() > deadline) throw new Error("no FAILED execution reached the fleet in 120 s");
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const pages = await pagesOf(h);
    const notFound = await firstLoadJs(h.appUrl, "/no-such-page");
    for (const [label, pagePath] of pages) {
      const js = await firstLoadJs(h.appUrl, pagePath);
      const recorded = label === "execution" ? { name: "recorded before issue 11", value: RECORDED_EXECUTION_PAGE_BYTES } : { name: "404 page, same build", value: notFound.gzip };
      figures.push({
        name: `first-load JS gzipped: ${label} (HTTP ${js.status}, ${js.scripts} scripts, ${Math.round(js.raw / 1024)} KB raw)`,
        value: js.gzip,
        unit: "bytes",
        target: FIRST_LOAD_TARGET,
        baseline: recorded,
        ok: js.gzip < FIRST_LOAD_TARGET,
      });
    }
    const execution = pages.find(([label]) => label === "execution");
    if (execution) {
      const baseline = await timeToInteractive(h.appUrl, "/no-such-page");
      const tti = await timeToInteractive(h.appUrl, execution[1]);
      figures.push({
        name: `time to interactive: execution page, median of ${TTI_LOADS} cold loads (hydrated ${Math.round(tti.hydratedMs)} ms, main thread quiet from ${Math.round(tti.quietMs)} ms)`,
        value: Math.round(tti.medianMs),
        unit: "ms",
        target: TTI_TARGET_MS,
        baseline: { name: "404 page, same run", value: Math.round(baseline.medianMs) },
        ok: tti.medianMs <= TTI_TARGET_MS,
      });
    }
  } finally {
    await h.stop();
  }
  return figures;
}
