// The one check a host cannot answer about itself: does a TCP connection from another machine
// (the Palisade worker) reach the port? A verification run makes it for each port a hardening
// step is about, so "bound to loopback" or "dropped by the firewall" rests on a connection
// attempt as well as on the host's own view. The connection is closed as soon as it opens;
// nothing is sent. Skipped for a host reached through this machine's loopback: the attempt
// would test this machine, not the host.
import { lookup } from "node:dns/promises";
import net from "node:net";
import type { TEvidence } from "../audit-types";
import { evidenceHash } from "../evidence";
import { isLoopbackAddress } from "../loopback";

export type TReach = "accepted" | "refused" | "no-answer" | "unreachable";

export type TOutsideCheck = { address: string; port: number; reach: TReach; text: string; evidenceKey: string };

const REACH_TEXT: Record<TReach, string> = {
  accepted: "connection accepted",
  refused: "connection refused",
  "no-answer": "no answer (dropped)",
  unreachable: "host or network unreachable",
};

// What a failed connect means, from its error code; anything unexpected counts as unreachable.
export function reachOf(code: string | undefined): Exclude<TReach, "accepted"> {
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ETIMEDOUT") return "no-answer";
  return "unreachable";
}

export async function connectFromHere(address: string, port: number, timeoutMs: number): Promise<{ reach: TReach; detail: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (reach: TReach, detail: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reach, detail });
    };
    const timer = setTimeout(() => done("no-answer", `no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once("connect", () => done("accepted", "the TCP handshake completed"));
    socket.once("error", (err: NodeJS.ErrnoException) => done(reachOf(err.code), `${err.code ?? "error"}: ${err.message}`));
  });
}

// The attempt as evidence, worded like a command a reviewer can re-run from the worker.
export function outsideEvidence(ip: string, port: number, attempt: { reach: TReach; detail: string; startedAt: Date; durationMs: number; timeoutMs: number }): { check: TOutsideCheck; evidence: TEvidence } {
  const { reach, detail, startedAt, durationMs, timeoutMs } = attempt;
  const where = ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
  const command = `tcp connect ${where} from the Palisade worker (to re-run: nc -vz -w ${Math.ceil(timeoutMs / 1000)} ${ip} ${port})`;
  const stdout = `${REACH_TEXT[reach]}: ${detail}, after ${durationMs} ms\n`;
  const exitCode = reach === "accepted" ? 0 : 1;
  const key = `outside-tcp:${port}`;
  return {
    check: { address: ip, port, reach, text: `from the Palisade worker, ${where}: ${REACH_TEXT[reach]}`, evidenceKey: key },
    evidence: {
      key,
      phase: "verification",
      commandId: "outside-tcp",
      command,
      stdout,
      stderr: "",
      exitCode,
      outcome: "ok",
      startedAt,
      durationMs,
      sha256: evidenceHash(command, Buffer.from(stdout, "utf8"), Buffer.alloc(0), exitCode),
      truncated: false,
      redacted: false,
    },
  };
}

// One attempt per port, all at once; nothing for a host reached through loopback.
export async function checkFromOutside(address: string, ports: number[], { timeoutMs }: { timeoutMs: number }): Promise<{ checks: TOutsideCheck[]; evidence: TEvidence[] }> {
  if (ports.length === 0 || isLoopbackAddress(address)) return { checks: [], evidence: [] };
  const ip = net.isIP(address) ? address : await lookup(address).then((r) => r.address, () => null);
  if (ip === null || isLoopbackAddress(ip)) return { checks: [], evidence: [] };
  const runs = await Promise.all(
    [...new Set(ports)].map(async (port) => {
      const startedAt = new Date();
      const t0 = performance.now();
      const { reach, detail } = await connectFromHere(ip, port, timeoutMs);
      return outsideEvidence(ip, port, { reach, detail, startedAt, durationMs: Math.round(performance.now() - t0), timeoutMs });
    }),
  );
  return { checks: runs.map((r) => r.check), evidence: runs.map((r) => r.evidence) };
}
