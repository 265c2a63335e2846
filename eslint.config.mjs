import { defineConfig, globalIgnores } from "eslint/config";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const awsSdkOutsideLibAws = {
  group: ["@aws-sdk/client-*"],
  message: "Only lib/aws may talk to AWS (DESIGN.md: Shape).",
};

const sandboxFromApp = { group: ["@/sandbox/*", "**/sandbox/*"], message: "sandbox/ is never imported by app code." };

export default defineConfig([
  // eslint-config-next would bring these too, but its import resolver (unrs-resolver) leaves package-lock.json
  // without the other platforms' optional bindings, and `npm ci` on a clean clone then refuses to install.
  ...tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  reactHooks.configs.flat.recommended,
  globalIgnores([".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The boundaries of STYLE.md, held by the linter so reviewers don't have to. Later blocks win per rule.
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/aws/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [awsSdkOutsideLibAws, sandboxFromApp] }] },
  },
  {
    files: ["lib/analysis/**", "lib/domain/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            awsSdkOutsideLibAws,
            sandboxFromApp,
            {
              group: ["react", "react-dom", "next", "next/*", "node:*", "fs", "http", "https", "@/lib/aws/*", "@/lib/server/*"],
              message: "lib/analysis is pure: no React, no I/O, no AWS.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "lib/analysis does no I/O." }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Pure code takes `now` from its caller." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Pure code takes `now` from its caller." },
      ],
    },
  },
  {
    files: ["lib/aws/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [sandboxFromApp, { group: ["next", "next/*"], message: "The vendor layer never imports next/* (STYLE.md)." }] },
      ],
    },
  },
]);
