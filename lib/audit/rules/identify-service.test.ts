import { describe, expect, it } from "vitest";
import { debugFlagOf, identifyService } from "./identify-service";
import { container, httpProbe, listener, owner, probe } from "./testing/facts-factory";

const ownerOf = (name: string, cmdline: string[] | null, over = {}) => owner(listener("0.0.0.0", 4000, { name, pid: 10 }), { processName: name, cmdline, ...over });
const id = (o: ReturnType<typeof ownerOf> | null, p: ReturnType<typeof probe> | null = null, port = 4000) => identifyService({ owner: o, container: null, probe: p, port });

describe("identifyService", () => {
  it("tells services by their process, whatever the port", () => {
    expect(id(ownerOf("redis-server", ["/usr/bin/redis-server 0.0.0.0:6380"], { exe: "/usr/bin/redis-check-rdb" }))).toMatchObject({ kind: "redis", by: "process" });
    expect(id(ownerOf("postgres", ["/usr/lib/postgresql/15/bin/postgres"])).kind).toBe("postgresql");
    expect(id(ownerOf("nginx", ["nginx: master process /usr/sbin/nginx -g daemon on;"])).kind).toBe("web-server");
    expect(id(ownerOf("sshd", ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"])).kind).toBe("ssh");
    expect(id(ownerOf("java", ["java", "-cp", "x", "org.elasticsearch.bootstrap.Elasticsearch"])).kind).toBe("elasticsearch");
    expect(id(ownerOf("dockerd", ["/usr/bin/dockerd", "-H", "tcp://0.0.0.0:2375"])).kind).toBe("docker-api");
    expect(id(ownerOf("dockerd", ["/usr/bin/dockerd", "-H", "fd://"])).kind).toBe("unknown");
  });

  it("never from the port number: an unknown process on 6379 is unknown, a hidden one unidentified", () => {
    expect(id(ownerOf("mystery", ["/opt/mystery"]), null, 6379)).toMatchObject({ kind: "unknown", by: "process" });
    expect(id(null, null, 6379)).toMatchObject({ kind: "unknown", by: "none" });
  });

  it("takes the probe's protocol when the owner is hidden, and the HTTP Server header for web servers", () => {
    expect(id(null, probe(6379, { protocol: "redis", authRequired: false }))).toMatchObject({ kind: "redis", by: "probe" });
    expect(id(null, httpProbe(80, { server: "nginx/1.22.1" }))).toMatchObject({ kind: "web-server", name: "nginx", by: "probe" });
    expect(id(null, httpProbe(8000, { server: "SimpleHTTP/0.6 Python/3.11.2" }))).toMatchObject({ kind: "adhoc-http", by: "probe" });
    expect(id(null, httpProbe(3000, { server: null }))).toMatchObject({ kind: "http-app", by: "probe" });
    // A failed probe says nothing.
    expect(id(null, probe(6379, { protocol: "redis", error: "timeout" })).kind).toBe("unknown");
  });

  it("knows throwaway file servers from their command lines", () => {
    expect(id(ownerOf("python3", ["/usr/bin/python3", "-m", "http.server", "8000"])).kind).toBe("adhoc-http");
    expect(id(ownerOf("php", ["php", "-S", "0.0.0.0:4000"])).kind).toBe("adhoc-http");
    expect(id(ownerOf("python3", ["/usr/bin/python3", "app.py"])).kind).toBe("unknown");
  });

  it("names a container's service by its image when nothing else does", () => {
    const c = container({ image: "docker.io/library/redis:7-alpine" });
    expect(identifyService({ owner: null, container: c, probe: null, port: 6379 })).toMatchObject({ kind: "redis", by: "image" });
  });
});

describe("debugFlagOf", () => {
  const flag = (name: string, cmdline: string[]) => debugFlagOf(ownerOf(name, cmdline));
  it("reads node, chrome, JDWP and debugpy flags with their ports", () => {
    expect(flag("node", ["/usr/bin/node", "--inspect=0.0.0.0:9229", "server.js"])).toMatchObject({ port: 9229, host: "0.0.0.0" });
    expect(flag("node", ["node", "--inspect-brk", "x.js"])).toMatchObject({ port: 9229, host: null });
    expect(flag("node", ["node", "--inspect=9230", "x.js"])).toMatchObject({ port: 9230 });
    expect(flag("chrome", ["chrome", "--headless", "--remote-debugging-port=9222"])).toMatchObject({ port: 9222 });
    expect(flag("java", ["java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005", "-jar", "a.jar"])).toMatchObject({ port: 5005, host: "*" });
    expect(flag("python3", ["python3", "-m", "debugpy", "--listen", "0.0.0.0:5678", "app.py"])).toMatchObject({ port: 5678 });
    expect(flag("node", ["node", "server.js"])).toBeNull();
  });

  it("a node app started with --inspect on loopback is not a debugger on its application port", () => {
    const o = ownerOf("node", ["/usr/bin/node", "--inspect=127.0.0.1:9229", "server.js"]);
    expect(identifyService({ owner: o, container: null, probe: null, port: 3000 }).kind).not.toBe("debugger");
    expect(identifyService({ owner: o, container: null, probe: null, port: 9229 }).kind).toBe("debugger");
  });
});
