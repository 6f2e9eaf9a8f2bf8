// `npm run db:generate` (also postinstall): `prisma generate`, offline.
// The Prisma CLI insists on locating its native schema engine before any
// command, and downloads it when missing, which fails without internet. Code
// generation never runs that engine, so any existing file satisfies the check;
// we point it at the Wasm schema engine we use for migrations.
// Plain JavaScript so that postinstall needs nothing but Node.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function resolveOrNull(specifier) {
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

const prismaCli = resolveOrNull("prisma/build/index.js");
if (!prismaCli) {
  // e.g. `npm ci --omit=dev`: the CLI is a dev dependency.
  console.warn("db:generate: the prisma package is not installed; skipping client generation.");
  process.exit(0);
}
const schemaEngineWasm = resolveOrNull("@prisma/schema-engine-wasm/schema_engine_bg")?.replace(/\.js$/, ".wasm");

const result = spawnSync(process.execPath, [prismaCli, "generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? schemaEngineWasm ?? prismaCli,
    // No update check or telemetry: nothing but loopback traffic.
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
