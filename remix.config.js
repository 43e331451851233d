/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  tailwind: false,
  postcss: true,
  // The Meilisearch client is ESM-only; the server bundle keeps node_modules external.
  serverDependenciesToBundle: [],
};
