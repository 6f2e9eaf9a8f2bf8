import { describe, expect, it } from "vitest";
import { driftFindingDraft } from "./drift-finding";

const base = { hostId: "h1", summary: "x", item: { facts: { exe: "/usr/bin/python3.11" } }, reproduce: "ss -H -tlnp", evidence: ["ss-tcp"] };

describe("driftFindingDraft", () => {
  it("a new port on every interface is High, with the socket's facts", () => {
    const d = driftFindingDraft({ ...base, kind: "LISTENER", change: "NEW", key: "tcp 0.0.0.0:8765", summary: "TCP 0.0.0.0:8765 (python3)" });
    expect(d).toMatchObject({ ruleId: "drift.new-listener", severity: "HIGH", confidence: "high", proto: "tcp", port: 8765, address: "0.0.0.0", executable: "/usr/bin/python3.11", reproduce: "ss -H -tlnp", evidence: ["ss-tcp"] });
    expect(d.title).toBe("New listener since the baseline: TCP 0.0.0.0:8765 (python3)");
  });

  it("loopback and gone listeners are Low; IPv6 keys are read", () => {
    expect(driftFindingDraft({ ...base, kind: "LISTENER", change: "NEW", key: "tcp [::1]:6379" })).toMatchObject({ severity: "LOW", address: "::1", port: 6379 });
    expect(driftFindingDraft({ ...base, kind: "LISTENER", change: "GONE", key: "tcp 0.0.0.0:22" }).severity).toBe("LOW");
  });

  it("a new cron job is Medium, named by its own rule, and fingerprinted by its key", () => {
    const a = driftFindingDraft({ ...base, item: null, kind: "CRON_JOB", change: "NEW", key: "/etc/cron.d/x | * * * * * | root | true" });
    const b = driftFindingDraft({ ...base, item: null, kind: "CRON_JOB", change: "NEW", key: "/etc/cron.d/y | * * * * * | root | true" });
    expect(a).toMatchObject({ ruleId: "drift.new-cron-job", severity: "MEDIUM", proto: null, port: null });
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });
});
