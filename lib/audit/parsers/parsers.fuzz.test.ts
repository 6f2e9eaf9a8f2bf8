// Every parser in the index against random and hostile text: it never throws, its output stays
// within the bounds in collect.ts, and it keeps untrusted text as the plain string it was.
// No timing assertion: catastrophic backtracking on the 1 MB inputs would show as a timeout.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TParsed } from "../facts";
import { MAX_FIELD, MAX_ITEMS, MAX_RAW, MAX_UNPARSED } from "./collect";
import { PARSERS, type TParserName } from "./index";
import { loadFixtures, PARSERS_DIR } from "./load-fixtures";

const NAMES = Object.keys(PARSERS).sort() as TParserName[];
const CTX = { command: "crontab -l -u dev", auditUser: "dev" };
const run = (name: TParserName, text: string): TParsed<unknown> => PARSERS[name](text, CTX);

// Real lines of every capture: mutated, they look almost valid to every parser.
const CORPUS = readdirSync(PARSERS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => loadFixtures(d.name).flatMap((f) => f.outputs.flatMap((o) => o.stdout.split("\n"))))
  .filter((l) => l.length > 0);

const NASTY = ["\0", "\x1b[31m", "\x1b]0;pwn\x07", "\r", "\t", "\u202e", "\ufeff", "<script>alert(1)</script>", '"', "'", "{", "}", "(", ")", ":", "%", "[", "]", "\\", "é", "𝕏", "\ud800"];

const mutatedLine = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "repeat", "split"), fc.constantFrom(...NASTY)), { maxLength: 6 }))
  .map(([line, ops]) => {
    let s = line;
    for (const [at, op, bit] of ops) {
      const i = s.length === 0 ? 0 : at % s.length;
      if (op === "insert") s = s.slice(0, i) + bit + s.slice(i);
      else if (op === "delete") s = s.slice(0, i) + s.slice(i + 1 + (at % 7));
      else if (op === "repeat") s = s.slice(0, i) + s.slice(i, i + 8).repeat(1 + (at % 50)) + s.slice(i);
      else s = `${s.slice(0, i)}\n${s.slice(i)}`;
    }
    return s;
  });

const texts = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...NASTY, "a", " ", "\n", "0", "9"), maxLength: 400 }),
  fc.array(mutatedLine, { minLength: 1, maxLength: 40 }).map((ls) => ls.join("\n")),
  fc.array(fc.constantFrom(...CORPUS), { minLength: 1, maxLength: 60 }).map((ls) => ls.join("\n")),
);

// Walks the result: every array and string within its bound, and the whole of bounded size.
function assertBounded(r: TParsed<unknown>) {
  expect(Array.isArray(r.items) && Array.isArray(r.unparsed)).toBe(true);
  expect(r.items.length).toBeLessThanOrEqual(MAX_ITEMS);
  expect(r.unparsed.length).toBeLessThanOrEqual(MAX_UNPARSED);
  for (const u of r.unparsed) {
    expect(typeof u.raw === "string" && u.raw.length <= MAX_RAW).toBe(true);
    expect(Number.isInteger(u.line) && typeof u.reason === "string").toBe(true);
  }
  let nodes = 0;
  const walk = (v: unknown): void => {
    nodes += 1;
    if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(MAX_FIELD);
    else if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) {
      expect(v.length).toBeLessThanOrEqual(MAX_ITEMS);
      v.forEach(walk);
    } else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(r.items);
  expect(nodes).toBeLessThan(50_000_000);
}

const MB = 1 << 20;
const HUGE: Record<string, string> = {
  "one 1 MB line": "a".repeat(MB),
  "1 MB of spaces then a word": `${" ".repeat(MB)}x`,
  "1 MB of one column repeated": "0.0.0.0:".repeat(MB / 8),
  "200k empty lines": "\n".repeat(200_000),
  "100k short lines": "x y\n".repeat(100_000),
  "NULs": "\0".repeat(MB),
  "nested braces": `table inet t {\nchain c {\n${"{".repeat(MB / 2)}\n`,
  "open quote": `-A INPUT -m comment --comment "${"a".repeat(MB)}`,
  "ss users bomb": `LISTEN 0 1 0.0.0.0:1 0.0.0.0:* users:(${'("x",pid=1,fd=1),'.repeat(60_000)})`,
  "deep JSON": `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  "port range bomb": "0.0.0.0:1-65535->1-65535/tcp,".repeat(200),
  "many valid ss lines": 'LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=1,fd=3))\n'.repeat(30_000),
  "ANSI and markup": "\x1b[2J\x1b[31m<script>alert(1)</script>\x1b[0m\n".repeat(10_000),
};

describe.each(NAMES)("%s under hostile input", (name) => {
  it("never throws and stays bounded on random text", () => {
    fc.assert(
      fc.property(texts, (text) => {
        assertBounded(run(name, text));
      }),
      { numRuns: 150 },
    );
  });

  it.each(Object.keys(HUGE))("%s", (label) => {
    assertBounded(run(name, HUGE[label] as string));
  }, 20_000);

  it("not a string at all: no throw, nothing made up", () => {
    for (const v of [undefined, null, 42, {}, []]) {
      const r = run(name, v as never);
      expect(r.items.length + r.unparsed.length).toBeLessThanOrEqual(1);
    }
  });

  it("keeps <script> verbatim: reported raw or kept as plain text, never dropped or escaped", () => {
    const text = "<script>alert(1)</script>\n";
    const out = JSON.stringify(run(name, text));
    expect(out).toContain("<script>alert(1)</script>");
    expect(out).not.toContain("&lt;");
  });
});

describe("untrusted text inside valid lines stays plain text", () => {
  it("a service description, a cron command, a container name", () => {
    const xss = "<img src=x onerror=alert(1)>";
    expect(run("systemctl-list-units", `evil.service loaded active running ${xss}\n`).items).toEqual([
      { unit: "evil.service", load: "loaded", active: "active", sub: "running", description: xss },
    ]);
    expect(run("crontab", `@reboot ${xss}\n`).items[0]).toMatchObject({ command: xss });
    const line = JSON.stringify({ ID: "b".repeat(64), Image: xss, Names: xss, Ports: "", Status: "Up", Command: xss });
    expect(run("docker-ps", line).items[0]).toMatchObject({ image: xss, names: [xss] });
  });

  it("the cap on items holds and says so", () => {
    const r = run("crontab-spool", "user\n".repeat(MAX_ITEMS + 10));
    expect(r.items).toHaveLength(MAX_ITEMS);
    expect(r.unparsed.some((u) => /rest was not read/.test(u.reason))).toBe(true);
  });
});
