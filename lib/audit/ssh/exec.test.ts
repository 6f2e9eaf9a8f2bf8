import { describe, expect, it } from "vitest";
import { runCommand } from "./exec";
import { useTestServer } from "./use-test-server";

const ssh = useTestServer();

const limits = { timeoutMs: 5000, maxOutputBytes: 1024 };

describe("runCommand", () => {
  it("never has more than maxChannels (5) channels open on the server at once", async () => {
    const server = await ssh.start();
    const c = await ssh.connect(server);
    const runs = await Promise.all(Array.from({ length: 30 }, (_, i) => runCommand(c, `sleep ${10 + (i % 4) * 5}`, limits)));
    expect(runs.every((r) => r.exitCode === 0 && r.interrupted === null)).toBe(true);
    expect(server.stats.execs).toBe(30);
    expect(server.stats.peak).toBeLessThanOrEqual(5);
    expect(server.stats.peak).toBe(5); // and it does use them
    expect(c.channels.peak).toBe(5);
  });

  it("retries a refused channel once instead of failing, and reports a second refusal as not run", async () => {
    // A server that allows 2 sessions while the client believes it may open 4.
    const server = await ssh.start({ maxSessions: 2 });
    const c = await ssh.connect(server, { maxChannels: 4 });
    const runs = await Promise.all([runCommand(c, "sleep 100", limits), runCommand(c, "sleep 100", limits), runCommand(c, "sleep 50", limits)]);
    expect(server.stats.refused).toBeGreaterThanOrEqual(1);
    // The third waited out the retry delay and then ran once a slot had been freed.
    expect(runs.map((r) => r.interrupted)).toEqual([null, null, null]);

    const hogs = [runCommand(c, "sleep 1500", limits), runCommand(c, "sleep 1500", limits)];
    await new Promise((r) => setTimeout(r, 50));
    const refused = await runCommand(c, "echo hi", limits);
    expect(refused).toMatchObject({ interrupted: "channel-refused", exitCode: null });
    await Promise.all(hogs);
  });

  it("closes a command that outlives its timeout: exitCode null, marked, the connection still usable", async () => {
    const server = await ssh.start();
    const c = await ssh.connect(server);
    const t0 = Date.now();
    const r = await runCommand(c, "hang", { timeoutMs: 200, maxOutputBytes: 1024 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r).toMatchObject({ exitCode: null, interrupted: "timeout" });
    expect((await runCommand(c, "echo still-here", limits)).stdout.toString()).toBe("echo still-here\n");
  });

  it("caps output per stream and marks it truncated", async () => {
    const server = await ssh.start();
    const c = await ssh.connect(server);
    const r = await runCommand(c, "bytes 5000", limits);
    expect(r.stdout.length).toBe(1024);
    expect(r.stderr.toString()).toBe("warn\n");
    expect(r.truncated).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it("fails with connection-lost when the host drops the connection mid-command", async () => {
    const server = await ssh.start();
    const c = await ssh.connect(server);
    const slow = runCommand(c, "sleep 2000", limits);
    await new Promise((r) => setTimeout(r, 50));
    await runCommand(c, "drop", limits).catch(() => {});
    await expect(slow).rejects.toMatchObject({ reason: "connection-lost" });
    await expect(runCommand(c, "echo late", limits)).rejects.toMatchObject({ reason: "connection-lost" });
  });
});
