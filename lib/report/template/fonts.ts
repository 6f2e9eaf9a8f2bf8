import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// The report's fonts, embedded as data URLs from the `geist` npm package: the
// page is rendered with every request blocked, and a PDF must look the same on
// every machine whatever fonts it has installed.
const FACES = [
  { family: "Geist", file: "geist-sans/Geist-Regular.woff2", weight: 400 },
  { family: "Geist", file: "geist-sans/Geist-Medium.woff2", weight: 500 },
  { family: "Geist", file: "geist-sans/Geist-SemiBold.woff2", weight: 600 },
  { family: "Geist", file: "geist-sans/Geist-Bold.woff2", weight: 700 },
  { family: "Geist Mono", file: "geist-mono/GeistMono-Regular.woff2", weight: 400 },
  { family: "Geist Mono", file: "geist-mono/GeistMono-SemiBold.woff2", weight: 600 },
] as const;

let cached: string | null = null;

export function fontFaceCss(): string {
  if (cached) return cached;
  // The package exports no package.json; its font entry point sits in dist/ beside fonts/.
  const fontsDir = path.join(path.dirname(createRequire(import.meta.url).resolve("geist/font")), "fonts");
  cached = FACES.map((f) => {
    const data = fs.readFileSync(path.join(fontsDir, f.file)).toString("base64");
    return `@font-face{font-family:"${f.family}";font-style:normal;font-weight:${f.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2");}`;
  }).join("\n");
  return cached;
}
