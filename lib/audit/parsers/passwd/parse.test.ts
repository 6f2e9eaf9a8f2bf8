import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parsePasswd } from "./parse";

describe("getent passwd", () => {
  it("every account, with the scenario's service user and login shells", () => {
    const r = parsePasswd(fixtureOutput("passwd", "lab-cron-http-server.json", "passwd").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items.find((u) => u.name === "dev")).toEqual({ name: "dev", uid: 1000, gid: 1000, home: "/home/dev", shell: "/bin/bash" });
    expect(r.items.find((u) => u.name === "redis")?.shell).toBe("/usr/sbin/nologin");
    expect(r.items.filter((u) => u.uid === 0).map((u) => u.name)).toEqual(["root"]);
  });

  it("a malformed line is reported; NIS markers are not users", () => {
    const r = parsePasswd("+::::::\nbroken:x:abc:0::/:/bin/sh\nok:x:1:1::/:/bin/sh\n");
    expect(r.items.map((u) => u.name)).toEqual(["ok"]);
    expect(r.unparsed.map((u) => u.line)).toEqual([2]);
  });
});
