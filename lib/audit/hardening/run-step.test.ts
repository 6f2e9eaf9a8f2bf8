import { describe, expect, it } from "vitest";
import type { TCommandRun } from "../ssh/exec";
import { runStep } from "./run-step";

// A host as a table of answers: command -> [exit, stdout].
function fakeHost(answers: Record<string, [number, string]>) {
  const ran: string[] = [];
  const exec = async (command: string): Promise<TCommandRun> => {
    ran.push(command);
    const [exitCode, out] = answers[command] ?? [127, ""];
    return { command, stdout: Buffer.from(out), stderr: Buffer.from(exitCode === 127 ? "command not found\n" : ""), exitCode, signal: null, interrupted: null, truncated: false, startedAt: new Date(), durationMs: 1 };
  };
  return { ran, exec };
}

const files = [{ path: "/etc/redis/redis.conf", readCommand: "cat -- '/etc/redis/redis.conf'", state: "not-read" as const, before: null }];

describe("running a hardening step", () => {
  it("reads the files and verifies before, runs every command, verifies after", async () => {
    const host = fakeHost({ "cat -- '/etc/redis/redis.conf'": [0, "bind 0.0.0.0\nrequirepass hunter2hunter2\n"], "ss -H -tlnp": [0, "LISTEN 0 511 0.0.0.0:6379"], a: [0, ""], b: [0, ""] });
    const r = await runStep({ commands: ["a", "b"], verifyCommands: ["ss -H -tlnp"], files }, "apply", host.exec);
    expect(host.ran).toEqual(["cat -- '/etc/redis/redis.conf'", "ss -H -tlnp", "a", "b", "ss -H -tlnp"]);
    expect(r.ok).toBe(true);
    expect(r.records.map((x) => x.phase)).toEqual(["read-file", "verify-before", "apply", "apply", "verify-after"]);
    // The content before is kept, with its secret redacted.
    expect(r.files[0]).toMatchObject({ state: "read" });
    expect(r.files[0]!.before).toContain("bind 0.0.0.0");
    expect(r.files[0]!.before).not.toContain("hunter2");
    expect(r.records[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells a file the step creates (no such file) from one it could not read", async () => {
    const exec = async (command: string): Promise<TCommandRun> => {
      const missing = command.includes("new.conf");
      const stderr = missing ? "cat: /etc/new.conf: No such file or directory\n" : "bash: line 1: cat: command not found\n";
      return { command, stdout: Buffer.alloc(0), stderr: Buffer.from(stderr), exitCode: missing ? 1 : 127, signal: null, interrupted: null, truncated: false, startedAt: new Date(), durationMs: 1 };
    };
    const two = [
      { path: "/etc/new.conf", readCommand: "cat -- '/etc/new.conf'", state: "not-read" as const, before: null },
      { path: "/etc/old.conf", readCommand: "cat -- '/etc/old.conf'", state: "not-read" as const, before: null },
    ];
    const r = await runStep({ commands: [], verifyCommands: [], files: two }, "apply", exec);
    expect(r.files.map((f) => f.state)).toEqual(["absent", "unreadable"]);
  });

  it("stops at the first non-zero exit: nothing after it runs, and says which ones were skipped", async () => {
    const host = fakeHost({ a: [0, "ok"], v: [0, "state"] });
    const r = await runStep({ commands: ["a", "broken", "c", "d"], verifyCommands: ["v"], files: [] }, "apply", host.exec);
    expect(r.ok).toBe(false);
    expect(r.failed).toEqual({ index: 1, command: "broken" });
    expect(r.notRun).toEqual(["c", "d"]);
    expect(host.ran).toEqual(["v", "a", "broken", "v"]);
    expect(r.records.find((x) => x.command === "broken")).toMatchObject({ exitCode: 127, stderr: "command not found\n" });
  });

  it("a rollback does not read files again and keeps the step's own record of them", async () => {
    const host = fakeHost({ undo: [0, ""] });
    const known = [{ ...files[0]!, state: "read" as const, before: "bind 0.0.0.0\n" }];
    const r = await runStep({ commands: ["undo"], verifyCommands: [], files: known }, "rollback", host.exec);
    expect(host.ran).toEqual(["undo"]);
    expect(r.files).toEqual(known);
    expect(r.records[0]!.phase).toBe("rollback");
  });
});
