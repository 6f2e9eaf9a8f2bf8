// The batch script run by a real /bin/sh on this machine (as sshd runs it: `sh -s`, script on
// stdin) and read back with FrameReader: each command's bytes, exit code and stderr exactly as a
// single exec of the same command would give them.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildBatchScript, endMarker, errEndMarker, FrameReader, readBatchScript, startMarker } from "./batch-script";

type TFramed = { stdout: Buffer; stderr: Buffer; exitCode: number | null };

function read(nonce: string, out: Buffer, err: Buffer, chunk = Infinity) {
  const got = new Map<number, { stdout: Buffer[]; stderr: Buffer[]; exitCode: number | null; ended: number }>();
  const slot = (i: number) => got.get(i) ?? (got.set(i, { stdout: [], stderr: [], exitCode: null, ended: 0 }), got.get(i)!);
  const reader = (withExit: boolean, key: "stdout" | "stderr") =>
    new FrameReader(nonce, withExit, {
      start: (i) => void slot(i),
      data: (i, d) => slot(i)[key].push(Buffer.from(d)),
      end: (i, code) => {
        if (withExit) slot(i).exitCode = code;
        slot(i).ended++;
      },
    });
  const o = reader(true, "stdout");
  const e = reader(false, "stderr");
  const feed = (r: FrameReader, b: Buffer) => {
    for (let at = 0; at < b.length; at += chunk) r.push(b.subarray(at, Math.min(b.length, at + chunk)));
    r.finish();
  };
  feed(o, out);
  feed(e, err);
  const frames: TFramed[] = [...got.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => ({ stdout: Buffer.concat(v.stdout), stderr: Buffer.concat(v.stderr), exitCode: v.ended === 2 ? v.exitCode : null }));
  return { frames, failure: o.failure ?? e.failure, stray: o.strayBytes + e.strayBytes };
}

function runBatch(commands: string[], shell = "/bin/sh") {
  const nonce = randomBytes(16).toString("hex");
  const r = spawnSync("/bin/sh", ["-s"], { input: buildBatchScript(nonce, commands), env: { ...process.env, SHELL: shell }, timeout: 20_000 });
  return { nonce, ...read(nonce, r.stdout, r.stderr), raw: r };
}

// What a single exec (sshd: `$SHELL -c COMMAND`, $0 the shell's name) gives for one command.
function single(command: string, shell = "/bin/sh") {
  const r = spawnSync(shell, ["-c", command], { argv0: shell.split("/").pop(), env: { ...process.env, SHELL: shell }, timeout: 20_000 });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

describe("the batch script under a real sh", () => {
  it("gives each command its own stdout, stderr and exit code, byte for byte as a single exec", () => {
    const commands = ["uname -s", "cat /proc/self/nonexistent", "printf 'no newline at the end'", "sh -c 'echo out; echo err >&2; exit 3'", "true", "false"];
    const { frames, failure, stray } = runBatch(commands);
    expect(failure).toBeNull();
    expect(stray).toBe(0);
    expect(frames).toHaveLength(commands.length);
    commands.forEach((c, i) => expect(frames[i], c).toEqual(single(c)));
    expect(frames[3]).toMatchObject({ exitCode: 3 });
    expect(frames[3]!.stdout.toString()).toBe("out\n");
    expect(frames[3]!.stderr.toString()).toBe("err\n");
  });

  it("a missing program reads as the login shell says it, through bash and through sh alike", () => {
    for (const shell of ["/bin/sh", "/bin/bash"]) {
      const commands = ["palisade-no-such-tool --version", "docker-palisade-absent ps --format '{{json .}}'"];
      const { frames } = runBatch(commands, shell);
      commands.forEach((c, i) => {
        expect(frames[i], `${shell}: ${c}`).toEqual(single(c, shell));
        expect(frames[i]!.exitCode).toBe(127);
      });
    }
  });

  it("keeps binary output and NUL bytes exactly", () => {
    const { frames } = runBatch(["printf 'a\\000b\\377\\001\\n\\000'", "cat /proc/self/cmdline"]);
    expect(frames[0]!.stdout).toEqual(Buffer.from([0x61, 0, 0x62, 0xff, 0x01, 0x0a, 0]));
    expect(frames[1]!.stdout.includes(0)).toBe(true);
  });

  it("output that prints marker-like text, even with a guessed layout, stays that command's output", () => {
    const fake = `${"0".repeat(32)}:0:E:0\n${"0".repeat(32)}:1:B\nforged\n`;
    const commands = [`printf '${fake.replace(/\n/g, "\\n")}'`, `printf '%s' ':1:E:0' >&2`, "echo real"];
    const { frames, failure } = runBatch(commands);
    expect(failure).toBeNull();
    expect(frames[0]!.stdout.toString()).toBe(fake);
    expect(frames[1]!.stderr.toString()).toBe(":1:E:0");
    expect(frames[2]!.stdout.toString()).toBe("real\n");
  });

  it("the nonce is nowhere a command could read it: not in the shell's command line, not in the environment", () => {
    const { nonce, frames } = runBatch(["cat /proc/$PPID/cmdline", "env", "ps -o args= -p $PPID"]);
    expect(frames).toHaveLength(3);
    for (const f of frames) expect(f.stdout.toString("latin1")).not.toContain(nonce);
    expect(frames[0]!.stdout.toString()).toBe("/bin/sh\0-s\0");
  });

  it("commands cannot read the script: stdin is /dev/null for each", () => {
    const { frames } = runBatch(["cat", "echo after"]);
    expect(frames[0]).toEqual({ stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 0 });
    expect(frames[1]!.stdout.toString()).toBe("after\n");
  });

  it("refuses a command holding a line break (it would become two lines of the script)", () => {
    expect(() => buildBatchScript("a".repeat(32), ["echo a\nrm -rf /"])).toThrow(/line break/);
    expect(() => buildBatchScript("not-a-nonce", ["true"])).toThrow(/nonce/);
  });

  it("the demo fleet reads back the nonce and the exact command strings, quotes included", () => {
    const commands = ["docker ps --no-trunc --format '{{json .}}'", "sudo -n sh -c 'nft list ruleset'", `sudo -n sh -c 'a'\\''b'`, "ss -H -tlnp"];
    const nonce = "0123456789abcdef0123456789abcdef";
    expect(readBatchScript(buildBatchScript(nonce, commands))).toEqual({ nonce, commands });
    expect(readBatchScript("echo hi\n")).toBeNull();
  });
});

describe("FrameReader", () => {
  const nonce = "f".repeat(32);
  const frame = (i: number, out: string, err: string, code: number) => ({
    out: startMarker(nonce, i) + out + endMarker(nonce, i, code),
    err: startMarker(nonce, i) + err + errEndMarker(nonce, i),
  });
  const two = [frame(0, "hello\nwor", "", 0), frame(1, `x${nonce.slice(0, 20)}y`, "warn\n", 2)];
  const out = Buffer.from(two.map((f) => f.out).join(""));
  const err = Buffer.from(two.map((f) => f.err).join(""));

  it("gives the same frames whatever the chunk boundaries, down to one byte at a time", () => {
    const whole = read(nonce, out, err);
    expect(whole.frames.map((f) => [f.stdout.toString(), f.stderr.toString(), f.exitCode])).toEqual([
      ["hello\nwor", "", 0],
      [`x${nonce.slice(0, 20)}y`, "warn\n", 2],
    ]);
    for (const chunk of [1, 2, 3, 7, 33, 40]) expect(read(nonce, out, err, chunk).frames).toEqual(whole.frames);
  });

  it("fails the batch on a marker out of sequence or malformed, never splitting a frame", () => {
    expect(read(nonce, Buffer.from(startMarker(nonce, 1)), Buffer.alloc(0)).failure).toMatch(/unexpected start/);
    expect(read(nonce, Buffer.from(startMarker(nonce, 0) + startMarker(nonce, 1)), Buffer.alloc(0)).failure).toMatch(/unexpected start/);
    expect(read(nonce, Buffer.from(startMarker(nonce, 0) + endMarker(nonce, 1, 0)), Buffer.alloc(0)).failure).toMatch(/unexpected end/);
    expect(read(nonce, Buffer.from(`${nonce}:0:X\n`), Buffer.alloc(0)).failure).toMatch(/malformed/);
    expect(read(nonce, Buffer.from(`${nonce}${"9".repeat(100)}`), Buffer.alloc(0)).failure).toMatch(/without an end/);
    // stderr's end marker carries no exit code; stdout's must.
    expect(read(nonce, Buffer.alloc(0), Buffer.from(startMarker(nonce, 0) + endMarker(nonce, 0, 0))).failure).toMatch(/unexpected end/);
  });

  it("counts bytes outside any frame as stray, not as anyone's output", () => {
    const r = read(nonce, Buffer.from("noise" + two[0]!.out), Buffer.from(two[0]!.err + "tail"));
    expect(r.stray).toBe(9);
    expect(r.frames[0]!.stdout.toString()).toBe("hello\nwor");
  });
});
