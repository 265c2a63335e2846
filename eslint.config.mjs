import { defineConfig, globalIgnores } from "eslint/config";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const awsSdkOutsideLibAws = {
  group: ["@aws-sdk/client-*"],
  message: "Only lib/aws may talk to AWS (DESIGN.md: Shape).",
};

const sandboxFromApp = { group: ["@/sandbox/*", "**/sandbox/*"], message: "sandbox/ is never imported by app code." };
// Relative imports reach the same modules as "@/…" ones: the boundaries must hold for both spellings.
const relativeTo = (folder) => ({ regex: `^(\\.\\./)+(lib/)?${folder}(/|$)` });
const awsFromApp = {
  group: ["@/lib/aws", "@/lib/aws/*"],
  message: "app/ and components/ reach AWS only through lib/server (DESIGN.md: Shape).",
};
const serverFromComponents = {
  group: ["@/lib/server", "@/lib/server/*"],
  message: "Components render what they are given; lib/server is the door for app/ only.",
};
const inlineQueryKey = {
  selector: "Property[key.name='queryKey']",
  message: "Query keys live in lib/queries (keys.ts / options.ts), shared by the server prefetch and the client.",
};
const PURE = "lib/analysis is pure: no React, no I/O, no AWS.";
const clockAndChance = [
  { object: "Math", property: "random", message: "Pure code is deterministic: take randomness from the caller." },
  { object: "performance", property: "now", message: "Pure code takes `now` from its caller." },
  { object: "process", property: "env", message: "Pure code takes its settings from the caller (lib/server/config.ts reads the environment)." },
];

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
    rules: { "no-restricted-imports": ["error", { patterns: [awsSdkOutsideLibAws, sandboxFromApp, { ...relativeTo("sandbox"), message: sandboxFromApp.message }] }] },
  },
  {
    files: ["app/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [awsSdkOutsideLibAws, sandboxFromApp, awsFromApp, { ...relativeTo("aws"), message: awsFromApp.message }] }],
      "no-restricted-syntax": [
        "error",
        inlineQueryKey,
      ],
    },
  },
  {
    files: ["components/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            awsSdkOutsideLibAws,
            sandboxFromApp,
            awsFromApp,
            serverFromComponents,
            { ...relativeTo("aws"), message: awsFromApp.message },
            { ...relativeTo("server"), message: serverFromComponents.message },
          ],
        },
      ],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Components take settings as props; the server reads the environment." }],
      "no-restricted-syntax": [
        "error",
        inlineQueryKey,
      ],
    },
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
              group: ["react", "react-dom", "next", "next/*", "node:*", "fs", "http", "https", "@/lib/aws", "@/lib/aws/*", "@/lib/server", "@/lib/server/*", "@/lib/queries/*"],
              message: PURE,
            },
            { ...relativeTo("aws"), message: PURE },
            { ...relativeTo("server"), message: PURE },
            { ...relativeTo("queries"), message: PURE },
            { ...relativeTo("sandbox"), message: sandboxFromApp.message },
          ],
        },
      ],
      "no-restricted-properties": ["error", ...clockAndChance],
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
