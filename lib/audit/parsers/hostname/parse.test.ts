import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseHostname } from "./parse";

describe("hostname", () => {
  it("the lab machine's name", () => {
    expect(parseHostname(fixtureOutput("hostname", "lab-redis-open.json", "hostname").stdout)).toEqual({ items: ["lab01-redis-open"], unparsed: [] });
  });

  it("markup or a second line is not a host name", () => {
    expect(parseHostname("<img src=x onerror=alert(1)>\n").items).toEqual([]);
    expect(parseHostname("a\nb\n").unparsed).toEqual([{ line: 2, raw: "b", reason: "more than one line" }]);
  });
});
