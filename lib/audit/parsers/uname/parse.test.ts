import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseUname } from "./parse";

describe("uname -a", () => {
  it("the lab's kernel and machine", () => {
    const r = parseUname(fixtureOutput("uname", "lab-redis-open.json", "uname").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items[0]).toMatchObject({ kernelName: "Linux", nodeName: "lab01-redis-open", kernelRelease: "6.18.44-fc-v669", machine: "x86_64" });
  });

  it("RHEL's repeated machine, Alpine's bare Linux, and a short line", () => {
    expect(parseUname("Linux db1 4.18.0-513.el8.x86_64 #1 SMP Wed Jan 10 2024 x86_64 x86_64 x86_64 GNU/Linux\n").items[0]?.machine).toBe("x86_64");
    expect(parseUname("Linux alp 6.6.14-0-lts #1-Alpine SMP PREEMPT_DYNAMIC Fri, 26 Jan 2024 11:08:07 +0000 aarch64 Linux\n").items[0]?.machine).toBe("aarch64");
    expect(parseUname("Linux\n").unparsed[0]?.reason).toBe("fewer than three fields");
  });
});
