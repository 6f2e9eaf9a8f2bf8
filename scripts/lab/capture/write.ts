// Writes a capture twice: as the demo fleet's replay file and as parser fixtures, one file per
// (parser, scenario), each saying where and when it came from. Every fixtures/ folder gets a
// README generated from its files' own headers, hand-curated ones included.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CAPTURES_DIR, type TCapture } from "../sim/capture-format";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const PARSERS_DIR = path.join(REPO, "lib/audit/parsers");

export type TFixtureOutput = { id: string; command: string; exitCode: number | null; stdout: string; stdoutBase64?: string; stderr: string };
export type TFixture = {
  source: string;
  distro: string;
  capturedAt: string;
  scenario?: string;
  host?: string;
  user?: string;
  notes?: string;
  outputs: TFixtureOutput[];
};

export function writeCapture(capture: TCapture, dir = CAPTURES_DIR) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${capture.scenario}.json`), `${JSON.stringify(capture, null, 1)}\n`);
}

export function writeFixtures(capture: TCapture, parsersDir = PARSERS_DIR) {
  const byParser = new Map<string, TFixtureOutput[]>();
  for (const [command, out] of Object.entries(capture.commands)) {
    const meta = capture.commandIds[command];
    if (!meta) continue;
    const list = byParser.get(meta.parser) ?? [];
    list.push({ id: meta.id, command, ...out });
    byParser.set(meta.parser, list);
  }
  for (const [parser, outputs] of byParser) {
    const dir = path.join(parsersDir, parser, "fixtures");
    mkdirSync(dir, { recursive: true });
    const fixture: TFixture = {
      source: `Palisade lab: systemd-nspawn machine from a debootstrap image, scenario ${capture.scenario} (npm run lab -- capture)`,
      distro: capture.distro,
      capturedAt: capture.capturedAt,
      scenario: capture.scenario,
      host: capture.host,
      user: capture.username,
      outputs,
    };
    writeFileSync(path.join(dir, `lab-${capture.scenario}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
    writeFixturesReadme(dir);
  }
}

export function writeFixturesReadme(dir: string) {
  const rows: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const fx = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as TFixture;
    const cmds = [...new Set(fx.outputs.map((o) => `\`${o.command.replace(/\|/g, "\\|")}\``))].slice(0, 3).join(", ");
    rows.push(`| ${f} | ${fx.distro} | ${fx.capturedAt.slice(0, 10)} | ${fx.source.replace(/\|/g, "\\|")} | ${cmds}${fx.outputs.length > 3 ? ", ..." : ""} |`);
  }
  const parser = path.basename(path.dirname(dir));
  const text = [
    `# Fixtures for the \`${parser}\` parser`,
    "",
    "Real output, byte for byte, in JSON: `outputs[]` holds `{ id, command, exitCode, stdout, stderr }`",
    "(`stdoutBase64` instead of `stdout` when the bytes are not valid UTF-8). `lab-*.json` are",
    "written by `npm run lab -- capture` from the lab's Debian machines; `curated-*.json` are",
    "hand-collected real-format cases the lab cannot produce, each naming its source.",
    "This README is regenerated from the files' own headers.",
    "",
    "| file | distro | date | source | commands |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "README.md"), text);
}
