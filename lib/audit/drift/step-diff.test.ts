import { describe, expect, it } from "vitest";
import type { TFirewall, TSourced } from "../facts";
import type { TOutsideCheck, TReach } from "../verification/reach-from-outside";
import { diffStep, type TSocketSeen } from "./step-diff";

const sock = (address: string, port = 6379, evidenceKeys = ["ss-tcp"]): TSocketSeen => ({ proto: "tcp", address, port, evidenceKeys });
const target = { proto: "tcp", port: 6379, address: "0.0.0.0", executable: "/usr/bin/redis-server" };
const before = { hostRunId: "hrBefore", listeners: [sock("0.0.0.0"), sock("0.0.0.0", 22)] };
const after = (listeners: TSocketSeen[], procNet: TSocketSeen[], firewalls: TSourced<TFirewall>[] = []) => ({ hostRunId: "hrAfter", listeners, procNet, procNetKeys: ["proc-net"], firewalls });
const fromWorker = (reach: TReach, port = 6379): TOutsideCheck => ({ address: "10.250.0.9", port, reach, text: `from the Palisade worker, 10.250.0.9:${port}: ${reach}`, evidenceKey: `outside-tcp:${port}` });
const dropRule: TSourced<TFirewall> = {
  tool: "nftables",
  active: true,
  defaultInputPolicy: "accept",
  rules: [{ tool: "nftables", chain: "inet filter input", action: "drop", proto: "tcp", ports: [6379], source: null, raw: "tcp dport 6379 drop" }],
  evidence: ["nft-ruleset"],
};

describe("diffStep", () => {
  it("listener gone: neither ss nor /proc/net lists the port", () => {
    const d = diffStep({ target, before, after: after([sock("0.0.0.0", 22)], [sock("0.0.0.0", 22, ["proc-net"])]) });
    expect(d).toMatchObject({ outcome: "listener-gone", exposureGone: true, disagreement: null });
    expect(d.text).toBe("tcp/6379: before 0.0.0.0:6379; after nothing listening: listener gone");
    expect(d.before.evidenceKeys).toEqual(["ss-tcp"]);
    expect(d.after.evidenceKeys).toEqual(["proc-net"]);
  });

  it("bound to loopback only, on both families", () => {
    const d = diffStep({ target, before, after: after([sock("127.0.0.1"), sock("::1")], [sock("127.0.0.1", 6379, ["proc-net"]), sock("::1", 6379, ["proc-net"])]) });
    expect(d.outcome).toBe("loopback-only");
    expect(d.text).toContain("after 127.0.0.1:6379, [::1]:6379: now bound to 127.0.0.1/::1 only");
  });

  it("still listening on every interface but dropped by a rule: firewall", () => {
    const d = diffStep({ target, before, after: after([sock("0.0.0.0")], [sock("0.0.0.0", 6379, ["proc-net"])], [dropRule]) });
    expect(d.outcome).toBe("firewall-dropped");
    expect(d.after.evidenceKeys).toEqual(["ss-tcp", "proc-net", "nft-ruleset"]);
  });

  it("unchanged when still exposed and nothing drops it", () => {
    const d = diffStep({ target, before, after: after([sock("0.0.0.0")], [sock("0.0.0.0", 6379, ["proc-net"])]) });
    expect(d).toMatchObject({ outcome: "unchanged", exposureGone: false });
  });

  it("trusts the more exposed reading when ss and /proc/net disagree, and says so", () => {
    const d = diffStep({ target, before, after: after([], [sock("0.0.0.0", 6379, ["proc-net"])]) });
    expect(d.outcome).toBe("unchanged");
    expect(d.disagreement).toBe("ss and /proc/net disagree on tcp/6379: only /proc/net lists 0.0.0.0");
  });

  it("adds the attempt from the Palisade worker to the text and the evidence when it agrees", () => {
    const d = diffStep({ target, before, after: { ...after([sock("127.0.0.1")], [sock("127.0.0.1", 6379, ["proc-net"])]), outside: [fromWorker("refused")] } });
    expect(d).toMatchObject({ outcome: "loopback-only", exposureGone: true, disagreement: null });
    expect(d.text).toBe("tcp/6379: before 0.0.0.0:6379; after 127.0.0.1:6379: now bound to 127.0.0.1/::1 only; from the Palisade worker, 10.250.0.9:6379: refused");
    expect(d.after.outside).toEqual(fromWorker("refused"));
    expect(d.after.evidenceKeys).toEqual(["ss-tcp", "proc-net", "outside-tcp:6379"]);
    const dropped = diffStep({ target, before, after: { ...after([sock("0.0.0.0")], [sock("0.0.0.0", 6379, ["proc-net"])], [dropRule]), outside: [fromWorker("no-answer")] } });
    expect([dropped.outcome, dropped.disagreement]).toEqual(["firewall-dropped", null]);
  });

  it("judges unchanged when the host says closed but the worker's connection was accepted, and says both", () => {
    const d = diffStep({ target, before, after: { ...after([sock("0.0.0.0")], [sock("0.0.0.0", 6379, ["proc-net"])], [dropRule]), outside: [fromWorker("accepted")] } });
    expect(d).toMatchObject({ outcome: "unchanged", exposureGone: false });
    expect(d.disagreement).toBe("the host's own view says port dropped by the firewall (rule present), but a connection from the Palisade worker was accepted");
  });

  it("stays unchanged when the host says reachable but the worker got no answer, and says that too", () => {
    const d = diffStep({ target, before, after: { ...after([sock("0.0.0.0")], [sock("0.0.0.0", 6379, ["proc-net"])]), outside: [fromWorker("no-answer")] } });
    expect(d.outcome).toBe("unchanged");
    expect(d.disagreement).toBe("the host's own view says it is reachable, but from the Palisade worker, 10.250.0.9:6379: no-answer: something between them may filter it, and other networks may still reach it");
  });

  it("ignores an attempt on another port", () => {
    const d = diffStep({ target, before, after: { ...after([sock("127.0.0.1")], [sock("127.0.0.1", 6379, ["proc-net"])]), outside: [fromWorker("accepted", 8000)] } });
    expect([d.outcome, d.after.outside]).toEqual(["loopback-only", null]);
  });

  it("reads ss's dual-stack '*' and /proc/net's '::' as the same socket", () => {
    const d = diffStep({ target, before, after: after([sock("*")], [sock("::", 6379, ["proc-net"])]) });
    expect(d.disagreement).toBeNull();
    expect(d.outcome).toBe("unchanged");
  });
});
