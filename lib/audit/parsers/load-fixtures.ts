// Test helper: the captured outputs under <parser>/fixtures/*.json, decoded to the string a
// parser receives (stdoutBase64 holds bytes that are not valid UTF-8, e.g. NULs in cmdline).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type TFixtureOutput = { id: string; command: string; exitCode: number | null; stdout: string; stderr: string };
export type TFixtureFile = { file: string; parser: string; scenario: string | null; source: string; outputs: TFixtureOutput[] };

export const PARSERS_DIR = path.dirname(fileURLToPath(import.meta.url));

export function loadFixtures(parser: string): TFixtureFile[] {
  const dir = path.join(PARSERS_DIR, parser, "fixtures");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return names.map((file) => {
    const raw = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
      source: string;
      scenario?: string;
      outputs: (Omit<TFixtureOutput, "stdout"> & { stdout?: string; stdoutBase64?: string })[];
    };
    const outputs = raw.outputs.map((o) => ({
      id: o.id,
      command: o.command,
      exitCode: o.exitCode,
      stderr: o.stderr,
      // Bytes as the SSH layer hands them over: decoded as UTF-8.
      stdout: o.stdoutBase64 !== undefined ? Buffer.from(o.stdoutBase64, "base64").toString("utf8") : (o.stdout ?? ""),
    }));
    return { file, parser, scenario: raw.scenario ?? null, source: raw.source, outputs };
  });
}

// The output of one command id in one lab scenario (the first, i.e. as the audit user ran it,
// unless `sudo` asks for the `sudo -n` variant).
export function fixtureOutput(parser: string, file: string, id: string, sudo = false): TFixtureOutput {
  const fx = loadFixtures(parser).find((f) => f.file === file);
  const out = fx?.outputs.find((o) => o.id === id && o.command.startsWith("sudo -n ") === sudo);
  if (!out) throw new Error(`fixture ${parser}/${file} has no output ${id}${sudo ? " (sudo)" : ""}`);
  return out;
}

export function fixtureOutputs(parser: string, file: string): TFixtureOutput[] {
  return loadFixtures(parser).find((f) => f.file === file)?.outputs ?? [];
}
