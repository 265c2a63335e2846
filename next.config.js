// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The sandbox and tests are never part of the app bundle.
  outputFileTracingExcludes: { "*": ["sandbox/**", "e2e/**", "bench/**"] },
};
module.exports = nextConfig;
