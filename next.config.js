// @ts-check

// Next's hydration and RSC payload are inline <script>s. Nonces would need every page rendered
// dynamically with the nonce threaded through proxy.ts; scripts here come only from our own build
// (no third-party origins, no user HTML — payloads render as text), so 'self' 'unsafe-inline' keeps
// pages working while frame-ancestors, object-src, base-uri and form-action still close the usual holes.
// `next dev` also needs 'unsafe-eval' (React's dev tooling); production never gets it.
const dev = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  // React Flow and Recharts position nodes with inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

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
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
