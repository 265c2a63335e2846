import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Activity, Search } from "lucide-react";
import type { ReactNode } from "react";
import { HeaderStatus } from "@/components/common/header-status";
import { HydrationMark } from "@/components/common/hydration-mark";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "sfn-triage", template: "%s · sfn-triage" },
  description: "Step Functions failures, timeouts and the limits executions are heading for.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, the 404 included: the CSP's nonce is per request, and a page prerendered
  // at build time carries none, so its scripts would be refused and it would never hydrate.
  await connection();
  return (
    <html lang="en">
      <body>
        <HydrationMark />
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Providers>
          <header className="top">
            <Link href="/" className="brand">
              <Activity size={16} aria-hidden className="icon" />
              sfn-triage
            </Link>
            <form action="/go" method="get" role="search" className="go">
              <label htmlFor="go-q" className="sr-only">
                ARN, console link or alarm name
              </label>
              <input id="go-q" name="q" type="search" placeholder="Paste an ARN, console link, alarm name or alarm JSON" autoComplete="off" />
              <button type="submit">
                <Search size={14} aria-hidden className="icon" /> Go
              </button>
            </form>
            <HeaderStatus />
          </header>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
