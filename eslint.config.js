// Lint: TypeScript's recommended rules, the rules of hooks, and the rules that hold the
// architecture (README "Architecture"): no import cycles, and db/ and search/ (server-only:
// SQLite, Meilisearch, the embedding worker) reached only from *.server.ts modules, scripts,
// tests and benches, never from code that can end up in the browser bundle (type-only
// imports are fine: they vanish at build time).
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const serverOnly = {
  patterns: [
    { group: ["**/db/*", "**/db/**"], message: "db/ is server-only: import it from a *.server.ts module.", allowTypeImports: true },
    { group: ["**/search/*", "**/search/**"], message: "search/ is server-only: import it from a *.server.ts module.", allowTypeImports: true },
  ],
};

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "tmp/**", "node_modules/**", ".cache/**", "data/**", "**/*.cjs"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
      // no-cycle reads the imported modules too: it must know how to parse TypeScript.
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests read JSON responses loosely on purpose.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Code that may reach the browser: routes, components, the pure domain layer, utilities.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", serverOnly] },
  },
  {
    // A route is a leaf: what two routes share lives in components/, domain/ or models/.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./app/routes",
              from: "./app/routes",
              message: "No route imports another route: move what they share to components/, domain/ or models/.",
            },
          ],
        },
      ],
    },
  },
);
