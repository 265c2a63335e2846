// @ts-check

// The Content-Security-Policy is set per request in proxy.ts: it carries a fresh nonce for Next's inline
// scripts. The headers below don't vary, so they live here and cover static files too.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The sandbox and tests are never part of the app bundle.
  outputFileTracingExcludes: { "*": ["sandbox/**", "e2e/**", "bench/**"] },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
