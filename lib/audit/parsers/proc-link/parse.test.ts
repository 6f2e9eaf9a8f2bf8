import { describe, expect, it } from "vitest";
import { fixtureOutput, fixtureOutputs } from "../load-fixtures";
import { parseProcLink } from "./parse";

describe("readlink /proc/PID/{exe,cwd}", () => {
  it("cron-http-server: the web server runs python3.11 from /tmp", () => {
    const outs = fixtureOutputs("proc-link", "lab-cron-http-server.json");
    const exe = parseProcLink(outs.find((o) => o.id === "proc-exe")?.stdout ?? "");
    const cwd = parseProcLink(outs.find((o) => o.id === "proc-cwd")?.stdout ?? "");
    expect(exe.items).toEqual([{ path: "/usr/bin/python3.11", deleted: false }]);
    expect(cwd.items).toEqual([{ path: "/tmp", deleted: false }]);
  });

  it("a deleted executable keeps its path and says so", () => {
    const o = fixtureOutput("proc-link", "curated-deleted-exe.json", "proc-exe");
    expect(parseProcLink(o.stdout)).toEqual({ items: [{ path: "/tmp/cap/opt/metrics-agent", deleted: true }], unparsed: [] });
  });

  it("non-root readlink prints nothing: no fact", () => {
    expect(parseProcLink(fixtureOutput("proc-link", "lab-sudo-nopasswd.json", "proc-exe").stdout)).toEqual({ items: [], unparsed: [] });
  });

  it("a relative path or socket is not taken as a file", () => {
    expect(parseProcLink("socket:[123]\n").unparsed[0]?.reason).toBe("not an absolute path");
  });
});
