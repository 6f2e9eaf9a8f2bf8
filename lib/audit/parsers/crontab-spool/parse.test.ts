import { describe, expect, it } from "vitest";
import { assertUsername } from "../../command-set";
import { fixtureOutput } from "../load-fixtures";
import { parseCrontabSpool } from "./parse";

describe("ls -1 /var/spool/cron/crontabs", () => {
  it("cron-http-server: dev has a crontab", () => {
    expect(parseCrontabSpool(fixtureOutput("crontab-spool", "lab-cron-http-server.json", "crontab-spool").stdout)).toEqual({ items: ["dev"], unparsed: [] });
  });

  it("only names the command set accepts come out; the rest is reported", () => {
    const r = parseCrontabSpool("alice\n$(reboot)\nbob;id\n../root\nwww-data\n");
    expect(r.items).toEqual(["alice", "www-data"]);
    expect(r.items.map((n) => assertUsername(n))).toEqual(r.items);
    expect(r.unparsed.map((u) => u.raw)).toEqual(["$(reboot)", "bob;id", "../root"]);
  });
});
