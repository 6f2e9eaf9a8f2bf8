import { describe, expect, it } from "vitest";
import { fixtureOutput } from "../load-fixtures";
import { parseDockerPs } from "./parse";

describe("docker ps --format '{{json .}}'", () => {
  const r = parseDockerPs(fixtureOutput("docker-ps", "curated-published-ports.json", "docker-ps").stdout);
  const byName = (n: string) => r.items.find((c) => c.names.includes(n));

  it("reads every container, untruncated ids", () => {
    expect(r.unparsed).toEqual([]);
    expect(r.items.map((c) => c.names[0])).toEqual(["shop-cache-1", "shop-db-1", "edge", "shop-worker-1"]);
    expect(r.items.every((c) => c.runtime === "docker" && c.id.length === 64)).toBe(true);
  });

  it("published on all interfaces in both spellings (:::PORT and [::]:PORT)", () => {
    expect(byName("shop-cache-1")?.ports).toEqual([
      { hostIp: "0.0.0.0", hostPort: 6379, containerPort: 6379, proto: "tcp" },
      { hostIp: "::", hostPort: 6379, containerPort: 6379, proto: "tcp" },
    ]);
    expect(byName("edge")?.ports.map((p) => `${p.hostIp}|${p.hostPort}->${p.containerPort}`)).toEqual(["0.0.0.0|8080->80", "::|8080->80"]);
  });

  it("loopback-only publication keeps its address; exposed-only ports are not published", () => {
    expect(byName("shop-db-1")?.ports).toEqual([{ hostIp: "127.0.0.1", hostPort: 5432, containerPort: 5432, proto: "tcp" }]);
    expect(byName("shop-worker-1")?.ports).toEqual([]);
  });

  it("command without docker's quotes, image and status as shown", () => {
    expect(byName("edge")).toMatchObject({ image: "nginx:1.25", status: "Up 10 days", command: "/docker-entrypoint.sh nginx -g 'daemon off;'" });
  });

  it("a port range expands; a line that is not JSON is reported", () => {
    const line = JSON.stringify({ ID: "a".repeat(64), Image: "x", Names: "r", Ports: "0.0.0.0:8000-8002->9000-9002/udp", Status: "Up", Command: '"x"' });
    const res = parseDockerPs(`${line}\nnot json\n`);
    expect(res.items[0]?.ports.map((p) => [p.hostPort, p.containerPort, p.proto])).toEqual([[8000, 9000, "udp"], [8001, 9001, "udp"], [8002, 9002, "udp"]]);
    expect(res.unparsed).toEqual([{ line: 2, raw: "not json", reason: "not JSON" }]);
  });

  it("no daemon and command not found: no containers, nothing unparsed", () => {
    for (const [file, sudo] of [["curated-cli-without-daemon.json", false], ["lab-sudo-nopasswd.json", true]] as const) {
      expect(parseDockerPs(fixtureOutput("docker-ps", file, "docker-ps", sudo).stdout)).toEqual({ items: [], unparsed: [] });
    }
  });
});
