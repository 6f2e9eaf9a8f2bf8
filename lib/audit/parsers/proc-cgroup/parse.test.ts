import { describe, expect, it } from "vitest";
import { fixtureOutput, fixtureOutputs } from "../load-fixtures";
import { parseProcCgroup } from "./parse";

const H = "3f4e8a1c9b2d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f";

describe("/proc/PID/cgroup", () => {
  it("redis-open: the listener belongs to redis-server.service, no container", () => {
    const r = parseProcCgroup(fixtureOutput("proc-cgroup", "lab-redis-open.json", "proc-cgroup").stdout);
    expect(r).toEqual({ items: [{ path: "/system.slice/redis-server.service", systemdUnit: "redis-server.service", containerId: null }], unparsed: [] });
  });

  it("a unit inside a slice (postgresql@15-main)", () => {
    const all = fixtureOutputs("proc-cgroup", "lab-localhost-only.json").map((o) => parseProcCgroup(o.stdout).items[0]?.systemdUnit);
    expect(all).toContain("postgresql@15-main.service");
  });

  it("docker (systemd driver): the scope names the container", () => {
    expect(parseProcCgroup(fixtureOutput("proc-cgroup", "curated-docker-container.json", "proc-cgroup").stdout).items[0]?.containerId).toBe(H);
  });

  it("nspawn guest seen from the host, docker on cgroup v1, podman, a login session", () => {
    const [nspawn, dockerV1, podman, session] = fixtureOutputs("proc-cgroup", "curated-cgroup-layouts.json").map((o) => parseProcCgroup(o.stdout).items[0]);
    expect(nspawn).toMatchObject({ systemdUnit: "nginx.service", containerId: null });
    expect(dockerV1).toMatchObject({ path: `/docker/${H}`, systemdUnit: null, containerId: H });
    expect(podman).toMatchObject({ systemdUnit: expect.stringMatching(/^libpod-[0-9a-f]{64}\.scope$/), containerId: expect.stringMatching(/^7b3f/) });
    expect(session).toMatchObject({ systemdUnit: "session-3.scope", containerId: null });
  });

  it("a line that is not ID:CONTROLLERS:PATH is reported", () => {
    expect(parseProcCgroup("hello\n").unparsed[0]?.raw).toBe("hello");
  });
});
