import { defineConfig } from "vitest/config";
import path from "node:path";

const ROOT = import.meta.dirname;

/**
 * Tests split by cost (issue 12). `unit`: pure and mocked, node, for everything but components' *.test.tsx;
 * `components`: happy-dom + Testing Library; both are the inner loop (`npm run test:unit`, < 60 s).
 * `integration`: anything that starts moto, a database or a CLI process, and the corpus sweeps through slow engines
 * (ELK, asl-validator: `*.integration.test.ts`), with ONE shared sandbox started by
 * test-support/integration-setup.ts on a free port, files one at a time (faults and restarts are global).
 */
const INTEGRATION = [
  "sandbox/sandbox.test.ts",
  "sandbox/launcher.test.ts",
  "sandbox/processes.test.ts",
  "lib/server/faults.test.ts",
  "scripts/**/*.test.ts",
  "**/*.integration.test.ts",
];
const IGNORED = ["node_modules/**", ".next/**", "e2e/**", "test-results/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": ROOT,
      // `server-only` throws outside React Server Components; tests run lib/ in plain node.
      "server-only": path.resolve(ROOT, "test-support/server-only-stub.ts"),
    },
  },
  test: {
    // Not a process-wide setting: each project below sets its own. Kept here so `vitest run FILE` behaves the same.
    pool: "threads",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "node", include: ["**/*.test.ts"], exclude: [...IGNORED, ...INTEGRATION], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: "components", environment: "happy-dom", include: ["**/*.test.tsx"], exclude: IGNORED, setupFiles: ["test-support/dom-setup.ts"], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: INTEGRATION,
          exclude: IGNORED,
          globalSetup: ["test-support/integration-setup.ts"],
          fileParallelism: false,
          // Generous: these wait for real executions on a shared, possibly loaded machine. Not a speed check.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
