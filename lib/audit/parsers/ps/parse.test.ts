import { describe, expect, it } from "vitest";
import { fixtureOutputs } from "../load-fixtures";
import { parsePs } from "./parse";

describe("ps -o pid=,ppid=,user=,etimes=,lstart=", () => {
  it("cron-http-server: the web server was started by dev's cron job shell", () => {
    const rows = fixtureOutputs("ps", "lab-cron-http-server.json").map((o) => parsePs(o.stdout));
    expect(rows.every((r) => r.unparsed.length === 0 && r.items.length === 1)).toBe(true);
    const devRows = rows.map((r) => r.items[0]).filter((x) => x?.user === "dev");
    expect(devRows).toHaveLength(2);
    const [server, shell] = devRows.sort((a, b) => (b?.pid ?? 0) - (a?.pid ?? 0));
    expect(server?.ppid).toBe(shell?.pid);
    expect(server?.startedAt).toMatch(/^\w{3} \w{3} +\d{1,2} \d\d:\d\d:\d\d \d{4}$/);
    expect(server?.elapsedSeconds).toBeGreaterThan(0);
  });

  it("a single-digit day's double space is squeezed; a bad line is reported", () => {
    expect(parsePs("  812     1 root   3600 Mon Dec  1 10:00:00 2025\n").items[0]?.startedAt).toBe("Mon Dec 1 10:00:00 2025");
    expect(parsePs("PID PPID\n").unparsed).toHaveLength(1);
  });
});
