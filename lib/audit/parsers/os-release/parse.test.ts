import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseOsRelease } from "./parse";

describe("/etc/os-release", () => {
  it("the lab's Debian 12", () => {
    expect(parseOsRelease(fixtureOutput("os-release", "lab-redis-open.json", "os-release").stdout)).toEqual({
      items: [{ id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)", name: "Debian GNU/Linux" }],
      unparsed: [],
    });
  });

  it("single quotes, escapes, comments; a line that is not KEY=value is reported", () => {
    const r = parseOsRelease("# comment\nNAME='Alpine Linux'\nID=alpine\nPRETTY_NAME=\"Say \\\"hi\\\"\"\nnonsense\n");
    expect(r.items[0]).toEqual({ id: "alpine", versionId: null, prettyName: 'Say "hi"', name: "Alpine Linux" });
    expect(r.unparsed).toEqual([{ line: 5, raw: "nonsense", reason: "not KEY=value" }]);
  });
});
