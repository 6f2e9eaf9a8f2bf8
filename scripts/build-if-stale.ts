import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// `npm start` serves a production build; it rebuilds only when the sources
// changed since the last build, so a second start is quick.
const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = /(^|\/)(node_modules|\.next|fixtures|captures)(\/|$)|\.test\.tsx?$/;
const STAMP = path.join(".next", "palisade-sources.sha256");

function* files(entry: string): Generator<string> {
  if (!fs.existsSync(entry) || SKIP.test(entry)) return;
  if (fs.statSync(entry).isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) yield* files(path.join(entry, name));
  } else {
    yield entry;
  }
}

export function sourcesHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

export function buildIfStale(log: (line: string) => void = console.log): void {
  const current = sourcesHash();
  const built = fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8").trim() : null;
  if (built === current) return;
  log("Building the web app (first start, or the sources changed; takes a minute or two)…");
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed; see the output above");
  fs.writeFileSync(STAMP, `${current}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
