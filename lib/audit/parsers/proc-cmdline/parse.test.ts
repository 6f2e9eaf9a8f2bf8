import { describe, expect, it } from "vitest";
import { fixtureOutput, fixtureOutputs } from "../load-fixtures";
import { dockerProxyTarget, parseProcCmdline } from "./parse";

const argvOf = (file: string, pid: number) => parseProcCmdline(fixtureOutputs("proc-cmdline", file).find((o) => o.command === `cat /proc/${pid}/cmdline`)?.stdout ?? "").items[0];

describe("/proc/PID/cmdline", () => {
  it("NUL-separated arguments become argv", () => {
    expect(parseProcCmdline(fixtureOutput("proc-cmdline", "lab-node-debug.json", "proc-cmdline").stdout).items[0]).toEqual([
      "/usr/bin/node",
      "--inspect=0.0.0.0:9229",
      "/srv/shop-api/server.js",
    ]);
    expect(argvOf("lab-dual-stack.json", 35)).toEqual(["/usr/bin/python3", "-m", "http.server", "--bind", "::", "9100"]);
  });

  it("a rewritten title padded with NULs (redis, nginx) is one argument, padding dropped", () => {
    const redis = parseProcCmdline(fixtureOutput("proc-cmdline", "lab-redis-open.json", "proc-cmdline").stdout).items[0];
    expect(redis).toEqual(["/usr/bin/redis-server 0.0.0.0:6379"]);
    expect(parseProcCmdline("a\0\0b\0").items[0]).toEqual(["a", "", "b"]);
  });

  it("docker-proxy's arguments name the container behind a published port", () => {
    const argv = parseProcCmdline(fixtureOutput("proc-cmdline", "curated-docker-proxy.json", "proc-cmdline").stdout).items[0] ?? [];
    expect(dockerProxyTarget(argv)).toEqual({ proto: "tcp", hostIp: "0.0.0.0", hostPort: 6379, containerIp: "172.18.0.2", containerPort: 6379 });
    expect(dockerProxyTarget(["/usr/bin/redis-server"])).toBeNull();
  });

  it("a kernel thread has no cmdline", () => {
    expect(parseProcCmdline("")).toEqual({ items: [], unparsed: [] });
  });
});
