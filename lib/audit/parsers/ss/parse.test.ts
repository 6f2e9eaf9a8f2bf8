import { describe, expect, it } from "vitest";
import { fixtureOutput, fixtureOutputs } from "../load-fixtures";
import { parseProcStatus } from "../proc-status/parse";
import { parseSs } from "./parse";

const ss = (file: string, id = "ss-tcp", sudo = false) => parseSs(fixtureOutput("ss", file, id, sudo).stdout);
// The same lab capture read /proc/PID/status of each owner: an independent witness of the pid.
const nameOfPid = (file: string, pid: number) =>
  parseProcStatus(fixtureOutputs("proc-status", file).find((o) => o.command === `cat /proc/${pid}/status`)?.stdout ?? "").items[0]?.name;

describe("ss on the lab's captures", () => {
  it("redis-open: 0.0.0.0:6379 is owned by redis-server, bound to all interfaces", () => {
    const r = ss("lab-redis-open.json");
    expect(r.unparsed).toEqual([]);
    const redis = r.items.find((l) => l.port === 6379);
    expect(redis).toMatchObject({ proto: "tcp", state: "LISTEN", address: "0.0.0.0", family: "ipv4", bindScope: "all", interface: null, processInfoHidden: false });
    expect(redis?.processes.map((p) => p.name)).toEqual(["redis-server"]);
    expect(nameOfPid("lab-redis-open.json", redis?.processes[0]?.pid ?? 0)).toBe("redis-server");
  });

  it("dual-stack: *:9100 is family any and all interfaces; [::]:8080 is IPv6 on all, three nginx processes", () => {
    const r = ss("lab-dual-stack.json");
    expect(r.items.find((l) => l.port === 9100)).toMatchObject({ address: "*", family: "any", bindScope: "all" });
    const nginx = r.items.find((l) => l.port === 8080);
    expect(nginx).toMatchObject({ address: "::", family: "ipv6", bindScope: "all" });
    expect(nginx?.processes).toHaveLength(3);
    expect(new Set(nginx?.processes.map((p) => p.name))).toEqual(new Set(["nginx"]));
  });

  it("localhost-only: 127.0.0.1 and [::1] are loopback; only sshd listens beyond it", () => {
    const r = ss("lab-localhost-only.json");
    const exposed = r.items.filter((l) => l.bindScope !== "loopback");
    expect(new Set(exposed.map((l) => l.port))).toEqual(new Set([22]));
    expect(r.items.find((l) => l.address === "::1" && l.port === 6379)).toMatchObject({ family: "ipv6", bindScope: "loopback" });
    expect(r.items.find((l) => l.address === "127.0.0.1" && l.port === 5432)?.processes[0]?.name).toBe("postgres");
  });

  it("udp-memcached: the UDP listener on 11211 is found with its four sockets", () => {
    const r = ss("lab-udp-memcached.json", "ss-udp");
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ proto: "udp", state: "UNCONN", port: 11211, bindScope: "all" });
    expect(r.items[0]?.processes.map((p) => p.fd).sort()).toEqual([23, 24, 25, 26]);
  });

  it("sudo-denied: a non-root ss shows the listeners but marks their owners as hidden", () => {
    const r = ss("lab-sudo-denied.json");
    expect(r.items.map((l) => l.port).sort()).toEqual([22, 22, 80, 80]);
    expect(r.items.every((l) => l.processInfoHidden && l.processes.length === 0)).toBe(true);
  });

  it("sudo-nopasswd: the sudo run sees the owners the plain run could not", () => {
    const plain = ss("lab-sudo-nopasswd.json");
    const root = ss("lab-sudo-nopasswd.json", "ss-tcp", true);
    expect(plain.items.every((l) => l.processInfoHidden)).toBe(true);
    expect(root.items.every((l) => !l.processInfoHidden)).toBe(true);
    expect(root.items.find((l) => l.port === 6379)?.processes[0]?.name).toBe("redis-server");
  });
});

describe("ss on curated formats", () => {
  it("interface suffix: 127.0.0.53%lo is loopback on lo; a link-local [fe80::]%enp0s3 is specific", () => {
    const r = parseSs(fixtureOutput("ss", "curated-udp-interface-scoped.json", "ss-udp").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items.find((l) => l.address === "127.0.0.53")).toMatchObject({ interface: "lo", bindScope: "loopback", port: 53, proto: "udp" });
    expect(r.items.find((l) => l.port === 546)).toMatchObject({ address: "fe80::a00:27ff:fe4e:66a1", interface: "enp0s3", family: "ipv6", bindScope: "specific" });
    expect(r.items.find((l) => l.port === 68)).toMatchObject({ address: "10.0.2.15", interface: "enp0s3", bindScope: "specific" });
    expect(r.items.find((l) => l.port === 5353)?.bindScope).toBe("all");
  });

  it("docker-proxy owns the published ports; the 127.0.0.1:5432 publication stays loopback", () => {
    const r = parseSs(fixtureOutput("ss", "curated-docker-proxy.json", "ss-tcp").stdout);
    const proxied = r.items.filter((l) => l.processes[0]?.name === "docker-proxy");
    expect(proxied.map((l) => `${l.address}:${l.port}`).sort()).toEqual(["0.0.0.0:6379", "0.0.0.0:8080", "127.0.0.1:5432", ":::6379", ":::8080"].sort());
    expect(proxied.find((l) => l.port === 5432)?.bindScope).toBe("loopback");
  });

  it("iproute2 3.12: header skipped, (\"name\",PID,FD) users, *:22 is the IPv4 wildcard and :::22 IPv6", () => {
    const r = parseSs(fixtureOutput("ss", "curated-iproute2-3.12-old-format.json", "ss-tcp-fallback").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items).toHaveLength(4);
    expect(r.items[0]).toMatchObject({ address: "*", port: 22, family: "ipv4", bindScope: "all", processes: [{ name: "sshd", pid: 1034, fd: 3 }] });
    expect(r.items[3]).toMatchObject({ address: "::", port: 22, family: "ipv6", bindScope: "all" });
    expect(r.items[2]?.processes.map((p) => p.pid)).toEqual([1402, 1401, 1399]);
    expect(r.items[1]).toMatchObject({ address: "127.0.0.1", bindScope: "loopback" });
  });

  it("rootless podman: rootlessport holds the dual-stack *:8080", () => {
    const r = parseSs(fixtureOutput("ss", "curated-podman-rootlessport.json", "ss-tcp").stdout);
    expect(r.items[0]).toMatchObject({ address: "*", family: "any", bindScope: "all", port: 8080, processes: [{ name: "rootlessport", pid: 2189 }] });
  });
});

describe("ss edge cases", () => {
  it("takes the protocol from a Netid column and reports what it cannot read", () => {
    const r = parseSs('tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=5,fd=3))\nudp UNCONN 0 0 [::]:53 [::]:*\ngarbage here\n');
    expect(r.items.map((l) => [l.proto, l.port])).toEqual([["tcp", 22], ["udp", 53]]);
    expect(r.unparsed).toEqual([{ line: 3, raw: "garbage here", reason: "fewer than five columns" }]);
  });

  it("a wildcard bound to a device is not every interface, but 0.0.0.0%lo is loopback", () => {
    const r = parseSs("LISTEN 0 5 0.0.0.0%eth0:80 0.0.0.0:*\nLISTEN 0 5 0.0.0.0%lo:81 0.0.0.0:*\n");
    expect(r.items.map((l) => l.bindScope)).toEqual(["specific", "loopback"]);
  });

  it("refuses a port outside 0-65535 instead of inventing one", () => {
    const r = parseSs("LISTEN 0 5 0.0.0.0:70000 0.0.0.0:*\n");
    expect(r.items).toEqual([]);
    expect(r.unparsed[0]?.reason).toMatch(/address/);
  });
});
