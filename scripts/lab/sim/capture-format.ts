// The replay file format: one JSON per scenario, written by `lab capture` from a real lab host
// and replayed by the demo fleet. Command outputs are stored verbatim (exact string keys).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TProbeKind } from "../scenarios/types";

export type TCapturedOutput = {
  exitCode: number | null;
  stdout: string; // utf8; binary-unsafe output goes to stdoutBase64 instead
  stdoutBase64?: string;
  stderr: string;
};

// A recorded exchange with one port, made through the SSH connection's port forwarding.
export type TStandIn = {
  proto: "tcp";
  port: number;
  kind: TProbeKind;
  // Loopback destinations that connect (an IPv6-only socket refuses 127.0.0.1).
  accepts: Array<"127.0.0.1" | "::1">;
  greeting?: string; // base64: bytes the service sends first, unprompted
  http?: Record<string, string>; // path -> base64 raw response (status line, headers, body)
  tls?: { certPem: string; keyPem: string; protocol: string };
  redis?: Record<string, string>; // upper-case command -> base64 raw reply
  memcached?: Record<string, string>; // command line -> base64 raw reply
  postgres?: { sslReply: string; startupReply: string }; // base64
};

export type TCapture = {
  format: 1;
  scenario: string;
  host: string;
  distro: string;
  capturedAt: string;
  username: string;
  sshIdent?: string; // the software part of sshd's banner, e.g. "OpenSSH_9.2p1 Debian-2+deb12u6"
  commands: Record<string, TCapturedOutput>;
  // Which command-set entry each command string came from (for fixtures).
  commandIds: Record<string, { id: string; parser: string }>;
  standIns: TStandIn[];
};

export const CAPTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "captures");

export function loadCaptures(dir = CAPTURES_DIR): TCapture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as TCapture);
}

export function outputBytes(o: TCapturedOutput): Buffer {
  return o.stdoutBase64 !== undefined ? Buffer.from(o.stdoutBase64, "base64") : Buffer.from(o.stdout, "utf8");
}

export function toCapturedOutput(stdout: Buffer, stderr: Buffer, exitCode: number | null): TCapturedOutput {
  const text = stdout.toString("utf8");
  const lossless = Buffer.from(text, "utf8").equals(stdout);
  return lossless
    ? { exitCode, stdout: text, stderr: stderr.toString("utf8") }
    : { exitCode, stdout: "", stdoutBase64: stdout.toString("base64"), stderr: stderr.toString("utf8") };
}
