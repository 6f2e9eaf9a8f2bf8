// What a probe sent and what came back, kept as evidence like a command's output. The hash is
// over the raw bytes as received (with the step headers); the stored text shows binary bytes as
// \xNN and hides secrets (cookies, tokens), so it can sit in a database and on a page.
import type { TEvidence } from "../audit-types";
import { evidenceHash } from "../evidence";
import type { TOutcome } from "../facts";
import { redact, REDACTED } from "../redact";
import type { TExchangeResult } from "./exchange";

export type TTranscript = {
  readonly port: number;
  // One line each: what went over which connection ("#2 127.0.0.1:6379 > PING").
  note(channel: number, where: string, text: string): void;
  received(channel: number, where: string, label: string, result: TExchangeResult, waitedMs: number): void;
  // What was sent, in order, for the evidence's command line.
  sent(label: string): void;
  readonly truncated: boolean;
  readonly bytesReceived: number;
  evidence(spec: { key: string; dests: string[]; startedAt: Date; durationMs: number; exitCode: number | null; outcome: TOutcome; error: string | null }): TEvidence;
};

function endText(r: TExchangeResult, waitedMs: number, maxBytes: number): string {
  const n = r.bytes.length;
  switch (r.end) {
    case "complete":
      return `answer complete, ${n} bytes`;
    case "idle":
      return `${n} bytes, then quiet`;
    case "closed":
      return n > 0 ? `${n} bytes, then the peer closed` : "the peer closed without answering";
    case "timeout":
      return n > 0 ? `${n} bytes, no more within ${waitedMs} ms` : `no answer within ${waitedMs} ms`;
    case "limit":
      return `${n} bytes, read limit of ${maxBytes} bytes reached`;
    case "error":
      return `${n} bytes, then an error: ${r.error}`;
  }
}

export function createTranscript(port: number, limits: { maxBytes: number; maxTranscriptBytes: number }): TTranscript {
  const parts: Buffer[] = [];
  const labels: string[] = [];
  let size = 0;
  let truncated = false;
  let bytesReceived = 0;
  const append = (b: Buffer) => {
    const room = limits.maxTranscriptBytes - size;
    if (room <= 0) {
      truncated = true;
      return;
    }
    const take = b.length > room ? b.subarray(0, room) : b;
    if (take.length < b.length) truncated = true;
    parts.push(take);
    size += take.length;
  };
  return {
    port,
    note(channel, where, text) {
      append(Buffer.from(`#${channel} ${where} ${text}\n`, "utf8"));
    },
    received(channel, where, label, result, waitedMs) {
      bytesReceived += result.bytes.length;
      if (result.end === "limit") truncated = true;
      append(Buffer.from(`#${channel} ${where} > ${label}: ${endText(result, waitedMs, limits.maxBytes)}\n`, "utf8"));
      if (result.bytes.length > 0) {
        append(result.bytes);
        append(Buffer.from(result.bytes[result.bytes.length - 1] === 0x0a ? "" : "\n"));
      }
    },
    sent(label) {
      if (labels[labels.length - 1] !== label) labels.push(label);
    },
    get truncated() {
      return truncated;
    },
    get bytesReceived() {
      return bytesReceived;
    },
    evidence({ key, dests, startedAt, durationMs, exitCode, outcome, error }) {
      const raw = Buffer.concat(parts);
      const where = dests.map((d) => `${d.includes(":") ? `[${d}]` : d}:${port}`).join(" then ");
      const command = `probe tcp/${port} via ssh forward to ${where}${labels.length > 0 ? `: ${labels.join("; ")}` : ""}`;
      const stderr = error ?? "";
      const shown = printable(raw);
      const cookiesHidden = hideCookies(shown);
      const stdout = redact(cookiesHidden);
      const err = redact(stderr);
      return {
        key,
        phase: "probe",
        commandId: "probe-tcp",
        command,
        stdout: stdout.text,
        stderr: err.text,
        exitCode,
        outcome,
        startedAt,
        durationMs: Math.round(durationMs),
        sha256: evidenceHash(command, raw, Buffer.from(stderr, "utf8"), exitCode),
        truncated,
        redacted: cookiesHidden !== shown || stdout.redacted || err.redacted,
      };
    },
  };
}

// Bytes as text: valid UTF-8 and \t \r \n as they are, anything else as \xNN (NUL cannot be
// stored in a text column, and a TLS record or a PostgreSQL message is mostly not text).
export function printable(buf: Buffer): string {
  let out = "";
  let i = 0;
  const hex = (b: number) => `\\x${b.toString(16).padStart(2, "0")}`;
  while (i < buf.length) {
    const b = buf[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (len > 0 && i + len <= buf.length) {
      let ok = true;
      for (let k = 1; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) ok = false;
      const ch = ok ? buf.subarray(i, i + len).toString("utf8") : "";
      if (ok && !ch.includes("\ufffd")) {
        out += ch;
        i += len;
        continue;
      }
    }
    out += hex(b);
    i++;
  }
  return out;
}

// A session cookie handed to an anonymous request is still a session.
function hideCookies(text: string): string {
  return text.replace(/^(set-cookie:[ \t]*[^=;\r\n]*=)([^;\r\n]*)/gim, (m, head: string, value: string) => (value === "" || value === REDACTED ? m : `${head}${REDACTED}`));
}
