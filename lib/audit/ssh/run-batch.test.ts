// runCommands over a real SSH connection to a server that runs exec requests in a real /bin/sh
// on this machine: one channel for many commands, each with its own result, timeout and cap,
// and the fall back to one channel per command where the host cannot run the batch.
import { describe, expect, it } from "vitest";
import { runCommand } from "./exec";
import { runCommands } from "./run-batch";
import { useTestServer } from "./use-test-server";

const ssh = useTestServer();

const limits = { timeoutMs: 5000, maxOutputBytes: 4096 };
const view = (r: { stdout: Buffer; stderr: Buffer; exitCode: number | null; interrupted: unknown; truncated: boolean }) => ({
  stdout: r.stdout.toString("latin1"),
  stderr: r.stderr.toString("latin1"),
  exitCode: r.exitCode,
  interrupted: r.interrupted,
  truncated: r.truncated,
});

describe("runCommands", () => {
  it("runs many commands through one exec channel, each result as runCommand gives it alone", async () => {
    const server = await ssh.start({ shell: true });
    const c = await ssh.connect(server);
    const commands = ["echo one", "printf 'two'", "sh -c 'echo e >&2; exit 4'", "no-such-tool-palisade", "printf 'a\\000b'", "false"];
    const batched = await runCommands(c, commands, limits);
    expect(server.stats.execs).toBe(1);
    const alone = [];
    for (const cmd of commands) alone.push(await runCommand(c, cmd, limits));
    expect(batched.map(view)).toEqual(alone.map(view));
    expect(batched.map((r) => r.command)).toEqual(commands);
    expect(batched.map((r) => r.exitCode)).toEqual([0, 0, 4, 127, 0, 1]);
    for (const r of batched) expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("cuts a huge output at the cap and marks it truncated, leaving the next command's output whole", async () => {
    const server = await ssh.start({ shell: true });
    const c = await ssh.connect(server);
    // Within one SSH window (2 MB): the test server, unlike sshd, drops stderr still waiting for
    // window space when it closes the channel.
    const [big, after] = await runCommands(c, ["head -c 1500000 /dev/zero", "echo after"], { timeoutMs: 10_000, maxOutputBytes: 1024 });
    expect(big).toMatchObject({ exitCode: 0, truncated: true, interrupted: null });
    expect(big!.stdout).toEqual(Buffer.alloc(1024));
    expect(view(after!)).toEqual({ stdout: "after\n", stderr: "", exitCode: 0, interrupted: null, truncated: false });
    expect(server.stats.execs).toBe(1);
  });

  it("a command that does not answer times out alone: earlier results stand, later commands run in a new batch", async () => {
    const server = await ssh.start({ shell: true });
    const c = await ssh.connect(server);
    const t0 = performance.now();
    const runs = await runCommands(c, ["echo before", "sleep 30", "echo after", "echo last"], { timeoutMs: 1500, maxOutputBytes: 1024 });
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(runs.map((r) => [r.stdout.toString(), r.exitCode, r.interrupted])).toEqual([
      ["before\n", 0, null],
      ["", null, "timeout"],
      ["after\n", 0, null],
      ["last\n", 0, null],
    ]);
    expect(runs[1]!.durationMs).toBeGreaterThanOrEqual(1490); // timers may fire a hair early
    expect(server.stats.execs).toBe(2);
  });

  it("a command that prints fake markers cannot end its frame or forge the next command's output", async () => {
    const server = await ssh.start({ shell: true });
    const c = await ssh.connect(server);
    // Whatever a command guesses, it cannot know the nonce: it only ever writes its own frame.
    const forge = "printf ':0:E:0\\n:1:B\\nforged\\n'; cat /proc/$PPID/cmdline";
    const runs = await runCommands(c, [forge, "echo genuine"], limits);
    expect(runs[0]!.stdout.toString()).toBe(":0:E:0\n:1:B\nforged\nsh\0-s\0");
    expect(view(runs[1]!)).toMatchObject({ stdout: "genuine\n", exitCode: 0 });
  });

  it("falls back to one channel per command where the host does not run the batch script", async () => {
    // This server echoes every command line instead of running it: no frames ever come back.
    const server = await ssh.start();
    const c = await ssh.connect(server);
    const runs = await runCommands(c, ["alpha", "beta", "gamma"], limits);
    expect(runs.map((r) => r.stdout.toString())).toEqual(["alpha\n", "beta\n", "gamma\n"]);
    // One failed batch, then each alone; later calls on this connection skip the batch.
    expect(server.stats.execs).toBe(4);
    await runCommands(c, ["delta", "epsilon"], limits);
    expect(server.stats.execs).toBe(6);
  });

  it("a dropped connection fails the call, as runCommand does", async () => {
    const server = await ssh.start({ shell: true });
    const c = await ssh.connect(server);
    const pending = runCommands(c, ["echo a", "sleep 30"], { timeoutMs: 20_000, maxOutputBytes: 1024 });
    setTimeout(() => {
      for (const x of server!.connections) x.end();
    }, 300);
    await expect(pending).rejects.toMatchObject({ reason: "connection-lost" });
  });
});
