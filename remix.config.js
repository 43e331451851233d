import { fileURLToPath } from "node:url";
import { flatRoutes } from "remix-flat-routes";

const ignoredRouteFiles = ["**/.*", "**/*.test.{ts,tsx}"];

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Routes are grouped by audience in `broker+/`, `my+/` and `admin+/` (remix-flat-routes' hybrid folders);
  // everything else keeps Remix v2's flat file names.
  ignoredRouteFiles: ["**/*"],
  // appDir as a path, not relative to the working directory: the e2e build runs elsewhere.
  routes: async (defineRoutes) => flatRoutes("routes", defineRoutes, { appDir: fileURLToPath(new URL("app", import.meta.url)), ignoredRouteFiles }),
  serverModuleFormat: "esm",
  tailwind: false,
  postcss: true,
  // The Meilisearch client is ESM-only; the server bundle keeps node_modules external.
  serverDependenciesToBundle: [],
};
