// A host's command list as ONE exec channel: a POSIX sh script, sent on the channel's stdin (so
// its per-run nonce never shows in the host's process list), that runs each command-set string
// in turn and frames its output. Pure: no I/O.
//
// Framing, on stdout and on stderr alike: "<nonce>:<i>:B\n" before command i, then its bytes
// exactly as written, then "<nonce>:<i>:E:<exit>\n" (stdout) / "<nonce>:<i>:E\n" (stderr). The
// nonce is 128 random bits the host's programs never see (stdin is /dev/null for each of them),
// so output cannot end its own frame or start another one; any marker out of sequence makes the
// whole batch untrusted and the caller runs the commands one channel each instead.
//
// Each command runs as sshd would run it alone: a plain command whose program exists runs
// inline (no extra shell); anything else, including a program that is missing, runs as
// `$SHELL -c COMMAND` with $0 set to the shell's name as sshd sets it, so "bash: line 1: docker:
// command not found" reads byte for byte as it does from a single exec.

import { shellQuote } from "../shell-quote";

export const BATCH_BOOTSTRAP = "sh -s";

export const startMarker = (nonce: string, i: number) => `${nonce}:${i}:B\n`;
export const endMarker = (nonce: string, i: number, exitCode: number) => `${nonce}:${i}:E:${exitCode}\n`;
export const errEndMarker = (nonce: string, i: number) => `${nonce}:${i}:E\n`;

// Inline only what means the same to every POSIX shell: words, plain punctuation and balanced
// single quotes. Anything else goes through the login shell.
const INLINE_SAFE = /^[A-Za-z0-9_./ =:,+@%{}*'-]+$/;
const FIRST_WORD = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*(?= |$)/;

function inlineWord(command: string): string | null {
  if (!INLINE_SAFE.test(command) || (command.match(/'/g)?.length ?? 0) % 2 !== 0) return null;
  return FIRST_WORD.exec(command)?.[0] ?? null;
}

export function isNonce(nonce: string): boolean {
  return /^[0-9a-f]{32}$/.test(nonce);
}

export function buildBatchScript(nonce: string, commands: readonly string[]): string {
  if (!isNonce(nonce)) throw new Error("batch nonce must be 32 hex digits");
  const lines = [`N=${nonce}; S="\${SHELL:-/bin/sh}"; Z="\${S##*/}"`];
  commands.forEach((command, i) => {
    // A command is one line of the script: a newline or NUL could smuggle in another.
    if (/[\n\r\0]/.test(command)) throw new Error(`command ${i} holds a line break or NUL; it cannot be batched`);
    const word = inlineWord(command);
    lines.push(
      `printf '%s:%d:B\\n' "$N" ${i}; printf '%s:%d:B\\n' "$N" ${i} >&2`,
      word ? `if command -v ${word} >/dev/null 2>&1; then` : "if false; then :",
      ...(word ? [command] : []),
      `else "$S" -c ${shellQuote(command)} "$Z"; fi </dev/null`,
      `printf '%s:%d:E:%d\\n' "$N" ${i} "$?"; printf '%s:%d:E\\n' "$N" ${i} >&2`,
    );
  });
  return lines.join("\n") + "\n";
}

// The demo fleet's side: which nonce and commands a batch script carries (null: not one of ours).
export function readBatchScript(script: string): { nonce: string; commands: string[] } | null {
  const nonce = /^N=([0-9a-f]{32}); /.exec(script)?.[1];
  if (!nonce) return null;
  const commands: string[] = [];
  for (const m of script.matchAll(/^else "\$S" -c '(.*)' "\$Z"; fi <\/dev\/null$/gm)) commands.push(m[1]!.replaceAll(`'\\''`, "'"));
  return { nonce, commands };
}

// ---------------------------------------------------------------------------------------------
// Reading one framed stream as it arrives. Bytes go to the command whose frame is open; a marker
// split across chunks is held back until complete. Memory: at most one chunk plus a marker.

export type TFrameEvents = {
  start(i: number): void;
  data(i: number, bytes: Buffer): void;
  end(i: number, exitCode: number | null): void;
};

// nonce + ":" + index + ":E:" + exit code + "\n", with room to spare.
const MAX_MARKER_TAIL = 40;

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private open: number | null = null;
  private next = 0;
  private readonly nonce: Buffer;
  failure: string | null = null;
  strayBytes = 0; // bytes outside any frame (the script's own shell noise); never anyone's output

  constructor(
    nonce: string,
    private readonly withExit: boolean,
    private readonly events: TFrameEvents,
  ) {
    this.nonce = Buffer.from(nonce, "latin1");
  }

  private emit(bytes: Buffer) {
    if (bytes.length === 0) return;
    if (this.open === null) this.strayBytes += bytes.length;
    else this.events.data(this.open, bytes);
  }

  private fail(why: string) {
    this.failure ??= why;
    this.pending = Buffer.alloc(0);
  }

  push(chunk: Buffer) {
    if (this.failure) return;
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const at = buf.indexOf(this.nonce);
      if (at === -1) {
        // Keep a tail that could be the start of a marker split across chunks.
        const keep = Math.min(buf.length, this.nonce.length - 1);
        this.emit(buf.subarray(0, buf.length - keep));
        this.pending = Buffer.from(buf.subarray(buf.length - keep));
        return;
      }
      this.emit(buf.subarray(0, at));
      const nl = buf.indexOf(0x0a, at + this.nonce.length);
      if (nl === -1) {
        if (buf.length - at - this.nonce.length > MAX_MARKER_TAIL) return this.fail("marker without an end");
        this.pending = Buffer.from(buf.subarray(at));
        return;
      }
      if (!this.marker(buf.subarray(at + this.nonce.length, nl).toString("latin1"))) return;
      buf = buf.subarray(nl + 1);
    }
  }

  private marker(tail: string): boolean {
    const m = /^:(\d{1,6}):(B|E)(?::(-?\d{1,6}))?$/.exec(tail);
    if (!m) return (this.fail(`malformed marker "${tail.slice(0, MAX_MARKER_TAIL)}"`), false);
    const i = Number(m[1]);
    if (m[2] === "B") {
      if (m[3] !== undefined || this.open !== null || i !== this.next) return (this.fail(`unexpected start of command ${i}`), false);
      this.open = i;
      this.events.start(i);
      return true;
    }
    if (this.open !== i || (m[3] === undefined) === this.withExit) return (this.fail(`unexpected end of command ${i}`), false);
    this.open = null;
    this.next = i + 1;
    this.events.end(i, m[3] === undefined ? null : Number(m[3]));
    return true;
  }

  // The stream ended: bytes held back were output, not a marker.
  finish() {
    if (this.failure) return;
    this.emit(this.pending);
    this.pending = Buffer.alloc(0);
  }
}
