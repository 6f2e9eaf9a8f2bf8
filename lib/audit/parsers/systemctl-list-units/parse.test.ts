import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseSystemctlListUnits } from "./parse";

const units = (file: string) => parseSystemctlListUnits(fixtureOutput("systemctl-list-units", file, "systemd-services").stdout);

describe("systemctl list-units", () => {
  it("redis-open: lists the running services, skipping the header and legend", () => {
    const r = units("lab-redis-open.json");
    expect(r.unparsed).toEqual([]);
    expect(r.items.map((s) => s.unit)).toContain("redis-server.service");
    expect(r.items.find((s) => s.unit === "redis-server.service")).toEqual({
      unit: "redis-server.service", load: "loaded", active: "active", sub: "running", description: "Advanced key-value store",
    });
    expect(r.items.some((s) => s.unit === "UNIT" || s.unit.startsWith("LOAD"))).toBe(false);
  });

  it("a unit name with @ and a multi-word description", () => {
    const r = units("lab-localhost-only.json");
    expect(r.items.find((s) => s.unit === "postgresql@15-main.service")?.description).toBe("PostgreSQL Cluster 15-main");
  });

  it("keeps a non-ASCII description (UTF-8 under LC_ALL=C) intact", () => {
    const out = fixtureOutput("systemctl-list-units", "curated-lab-lc-all-c-non-ascii.json", "systemd-services");
    const r = parseSystemctlListUnits(out.stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items.find((s) => s.unit === "shop-api.service")?.description).toBe("Shop API — Bestellungen & Größen (ショップ)");
  });

  it("a host without systemd as PID 1 yields no services and no noise", () => {
    const r = units("curated-no-systemd-pid1.json");
    expect(r).toEqual({ items: [], unparsed: [] });
  });

  it("reports a line that is not a unit", () => {
    const r = parseSystemctlListUnits("UNIT LOAD ACTIVE SUB DESCRIPTION\n<script>alert(1)</script> loaded active running x\n");
    expect(r.items).toEqual([]);
    expect(r.unparsed[0]?.raw).toContain("<script>");
  });
});
