// Every capture under every parser folder parses with nothing left unread, and a command that
// succeeded with output yields facts. A new fixture that breaks a parser fails here first.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DISCOVERY_COMMANDS, FORENSICS_COMMANDS } from "../command-set";
import { PARSERS, runParser } from "./index";
import { loadFixtures, PARSERS_DIR } from "./load-fixtures";
import { classifyOutcome } from "./outcome";

const folders = readdirSync(PARSERS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

// Outputs whose lines a parser is expected to leave unread, by "parser/file: command".
// None today: every captured line is understood.
const EXPECTED_UNPARSED: Record<string, number> = {};

// Output that is something yet holds no fact: podman prints "[]" when no container runs.
const holdsNothing = (parser: string, stdout: string) => parser === "podman-ps" && stdout.trim() === "[]";

describe("fixtures", () => {
  it("each parser folder is in the index and each command's parser has a folder", () => {
    expect(Object.keys(PARSERS).sort()).toEqual(folders);
    for (const c of [...DISCOVERY_COMMANDS, ...FORENSICS_COMMANDS]) expect(folders).toContain(c.parser);
  });

  for (const parser of folders) {
    const files = loadFixtures(parser);
    it(`${parser}: has captures`, () => expect(files.length).toBeGreaterThan(0));
    for (const f of files) {
      it(`${parser}/${f.file}: every output parses completely`, () => {
        for (const o of f.outputs) {
          const key = `${parser}/${f.file}: ${o.command}`;
          const r = runParser(parser, o.stdout, { command: o.command, auditUser: "root" });
          expect(r.unparsed.length, `${key}\n${JSON.stringify(r.unparsed, null, 1)}`).toBe(EXPECTED_UNPARSED[key] ?? 0);
          if (classifyOutcome(o) === "ok" && !holdsNothing(parser, o.stdout)) expect(r.items.length, key).toBeGreaterThan(0);
        }
      });
    }
  }
});
