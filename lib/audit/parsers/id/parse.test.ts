import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseId } from "./parse";

describe("id", () => {
  it("root in most scenarios, the audit user where sudo is tested", () => {
    expect(parseId(fixtureOutput("id", "lab-redis-open.json", "whoami").stdout).items).toEqual([{ uid: 0, user: "root", gid: 0, groups: ["root"] }]);
    expect(parseId(fixtureOutput("id", "lab-sudo-denied.json", "whoami").stdout).items).toEqual([{ uid: 1000, user: "audit", gid: 1000, groups: ["audit"] }]);
  });

  it("several groups, a translated 'groups' word, an id without a name", () => {
    expect(parseId("uid=1000(ops) gid=1000(ops) Gruppen=1000(ops),27(sudo),998(docker)\n").items[0]?.groups).toEqual(["ops", "sudo", "docker"]);
    expect(parseId("uid=1234 gid=1234 groups=1234\n").items[0]).toEqual({ uid: 1234, user: "1234", gid: 1234, groups: ["1234"] });
    expect(parseId("whoami: cannot find name\n").unparsed[0]?.reason).toBe("no uid=");
  });
});
