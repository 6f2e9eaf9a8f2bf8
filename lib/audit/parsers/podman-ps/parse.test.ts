import { describe, expect, it } from "vitest";
import { fixtureOutput, fixtureOutputs } from "../load-fixtures";
import { parsePodmanPs } from "./parse";

describe("podman ps --format json", () => {
  it("rootless: one container publishing 8080 on every interface (empty host_ip)", () => {
    const r = parsePodmanPs(fixtureOutput("podman-ps", "curated-rootless.json", "podman-ps").stdout);
    expect(r.unparsed).toEqual([]);
    expect(r.items).toEqual([
      {
        runtime: "podman",
        id: "7b3f0d4e2a1c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a",
        image: "docker.io/library/nginx:latest",
        names: ["web"],
        status: "Up 2 hours",
        ports: [{ hostIp: "0.0.0.0", hostPort: 8080, containerPort: 80, proto: "tcp" }],
        command: "nginx -g daemon off;",
      },
    ]);
  });

  it("podman 3's camelCase ports, UDP and loopback; an empty list", () => {
    const [running, none] = fixtureOutputs("podman-ps", "curated-podman3-camelcase.json");
    const r = parsePodmanPs(running?.stdout ?? "");
    expect(r.items[0]?.ports).toEqual([
      { hostIp: "0.0.0.0", hostPort: 5353, containerPort: 53, proto: "udp" },
      { hostIp: "127.0.0.1", hostPort: 8053, containerPort: 8053, proto: "tcp" },
    ]);
    expect(parsePodmanPs(none?.stdout ?? "")).toEqual({ items: [], unparsed: [] });
  });

  it("reports output that is not a JSON array, with its raw text", () => {
    const r = parsePodmanPs("Error: <b>boom</b>");
    expect(r.items).toEqual([]);
    expect(r.unparsed[0]).toMatchObject({ raw: "Error: <b>boom</b>", reason: "not JSON" });
  });
});
