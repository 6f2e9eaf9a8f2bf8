// The demo fleet: SSH servers in one Node process on 127.0.0.1, each replaying a host captured
// from the real lab. Real public-key auth, real host keys, exec answered from the capture by
// exact command string (singly, or framed in the engine's batch script), direct-tcpip
// forwarded to in-process stand-ins. No root needed.
import { timingSafeEqual } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import ssh2, { type Connection, type ParsedKey, type ServerChannel } from "ssh2";
import { BATCH_BOOTSTRAP, endMarker, errEndMarker, readBatchScript, startMarker } from "../../../lib/audit/ssh/batch-script";
import { generateEd25519, loadOrCreateKey, type TKeyPair } from "../keys";
import { planHosts } from "../scenarios";
import type { TManifest, TManifestHost } from "../state";
import { loadCaptures, outputBytes, type TCapture, type TCapturedOutput, type TStandIn } from "./capture-format";
import { serveStandIn } from "./stand-ins";

// Every lab host runs sshd on :22, and a probe hears its banner before it sends anything.
// The version is bookworm's OpenSSH (not captured: probes of :22 were not recorded).
const SSHD_STAND_IN: TStandIn = { proto: "tcp", port: 22, kind: "silent", accepts: ["127.0.0.1", "::1"], greeting: Buffer.from("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n").toString("base64") };

// OpenSSH's default MaxSessions: the 11th session channel on one connection is refused.
const MAX_SESSIONS = 10;

export type TSimFleetOptions = {
  hosts: number;
  dir?: string; // keys and manifest.json (default .data/sim)
  basePort?: number; // first port (default 2200); host i listens on basePort + i
  captures?: TCapture[];
};

export type TSimFleet = { manifest: TManifest; manifestPath: string; close(): Promise<void> };

type TListenerAddr = { address: string; port: number };

// Local addresses of TCP listeners from the capture's ss output (root or sudo, whichever ran).
export function tcpListeners(capture: TCapture): TListenerAddr[] {
  const out = [capture.commands["ss -H -tlnp"], capture.commands["sudo -n ss -H -tlnp"]]
    .filter((o): o is TCapturedOutput => o !== undefined && o.exitCode === 0)
    .map((o) => o.stdout)
    .join("\n");
  const found: TListenerAddr[] = [];
  for (const line of out.split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    const m = local ? /^(.*):(\d+)$/.exec(local) : null;
    if (m) found.push({ address: m[1]!, port: Number(m[2]) });
  }
  return found;
}

function destFamily(dest: string): "v4-loopback" | "v6-loopback" | "v4" | "v6" {
  if (dest === "localhost" || /^127\./.test(dest)) return "v4-loopback";
  if (dest === "::1" || dest === "[::1]") return "v6-loopback";
  return dest.includes(":") ? "v6" : "v4";
}

// Would a connection from inside the host to dest:port reach a listener? Mirrors the kernel:
// 0.0.0.0 takes any IPv4, [::] only IPv6 (v6only), * both, a specific address only itself.
export function reaches(listeners: TListenerAddr[], standIns: TStandIn[], dest: string, port: number): boolean {
  const fam = destFamily(dest);
  const probed = standIns.find((s) => s.port === port);
  if (probed) {
    if (fam === "v4-loopback") return probed.accepts.includes("127.0.0.1");
    if (fam === "v6-loopback") return probed.accepts.includes("::1");
  }
  return listeners.some((l) => {
    if (l.port !== port) return false;
    if (l.address === "*") return true;
    if (fam === "v4-loopback") return l.address === "0.0.0.0" || l.address.startsWith("127.");
    if (fam === "v6-loopback") return l.address === "[::]" || l.address === "[::1]";
    if (fam === "v4") return l.address === "0.0.0.0";
    return l.address === "[::]";
  });
}

// What bash says when the capture has no answer. Forensics on a PID that has gone away is common
// enough to answer like the real tools; anything else is a command this host does not have.
export function unknownCommand(command: string): { stdout: Buffer; stderr: Buffer; exitCode: number } {
  const proc = /^(?:sudo -n )?(cat|readlink) (\/proc\/\d+\/\S+)$/.exec(command);
  if (proc) {
    const msg = proc[1] === "cat" ? `cat: ${proc[2]}: No such file or directory\n` : "";
    return { stdout: Buffer.alloc(0), stderr: Buffer.from(msg), exitCode: 1 };
  }
  const word = command.trim().split(/\s+/)[0] ?? "";
  return { stdout: Buffer.alloc(0), stderr: Buffer.from(`bash: line 1: ${word}: command not found\n`), exitCode: 127 };
}

function replay(capture: TCapture, command: string) {
  const recorded = capture.commands[command];
  return recorded
    ? { stdout: outputBytes(recorded), stderr: Buffer.from(recorded.stderr, "utf8"), exitCode: recorded.exitCode ?? 255 }
    : unknownCommand(command);
}

// The engine's batched exec (`sh -s` reading a framed script, lib/audit/ssh/batch-script.ts):
// each command answered from the capture, framed as the real script frames it.
function replayBatch(channel: ServerChannel, capture: TCapture) {
  const chunks: Buffer[] = [];
  channel.on("data", (d: Buffer) => chunks.push(d));
  channel.once("end", () => {
    // The client went away mid-script (a worker killed mid-run): nobody is left to answer.
    if (!channel.stderr.writable) return;
    const batch = readBatchScript(Buffer.concat(chunks).toString("utf8"));
    if (!batch) {
      channel.stderr.write("sh: 1: Syntax error: not a batch script\n");
      channel.exit(2);
      return channel.end();
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    batch.commands.forEach((command, i) => {
      const a = replay(capture, command);
      out.push(Buffer.from(startMarker(batch.nonce, i)), a.stdout, Buffer.from(endMarker(batch.nonce, i, a.exitCode)));
      err.push(Buffer.from(startMarker(batch.nonce, i)), a.stderr, Buffer.from(errEndMarker(batch.nonce, i)));
    });
    channel.write(Buffer.concat(out));
    channel.stderr.write(Buffer.concat(err));
    channel.exit(0);
    channel.end();
  });
}

// An interactive session answers each line from the capture too, so `ssh -p PORT root@127.0.0.1`
// is useful in a demo. With a pty the client expects the server to echo what it types.
function replShell(channel: ServerChannel, capture: TCapture, pty: boolean) {
  const nl = pty ? "\r\n" : "\n";
  const prompt = `${capture.username}@${capture.host.replace(/^lab/, "sim")}:~${capture.username === "root" ? "#" : "$"} `;
  channel.write(`Palisade demo fleet: replaying captured output of ${capture.host} (${capture.distro}).${nl}${prompt}`);
  let line = "";
  channel.on("data", (d: Buffer) => {
    for (const ch of d.toString("utf8")) {
      if (ch === "\r" || ch === "\n") {
        if (pty) channel.write("\r\n");
        const command = line.trim();
        line = "";
        if (command === "exit" || command === "logout") {
          channel.exit(0);
          channel.end();
          return;
        }
        if (command !== "") {
          const a = replay(capture, command);
          const fix = (b: Buffer) => (pty ? b.toString("utf8").replace(/\n/g, "\r\n") : b);
          if (a.stdout.length > 0) channel.write(fix(a.stdout));
          if (a.stderr.length > 0) channel.write(fix(a.stderr));
        }
        channel.write(prompt);
      } else if (ch === "\x7f" || ch === "\b") {
        if (line.length > 0) {
          line = line.slice(0, -1);
          if (pty) channel.write("\b \b");
        }
      } else if (ch === "\x04" && line === "") {
        channel.exit(0);
        channel.end();
        return;
      } else if (ch >= " ") {
        line += ch;
        if (pty) channel.write(ch);
      }
    }
  });
}

function sameKey(a: ParsedKey, algo: string, data: Buffer) {
  const mine = a.getPublicSSH();
  return a.type === algo && mine.length === data.length && timingSafeEqual(mine, data);
}

function handleConnection(conn: Connection, capture: TCapture, clientKey: ParsedKey, listeners: TListenerAddr[]) {
  conn.on("error", () => {});
  conn.on("authentication", (ctx) => {
    if (ctx.method !== "publickey" || ctx.username !== capture.username || !sameKey(clientKey, ctx.key.algo, ctx.key.data)) {
      return ctx.reject(["publickey"]);
    }
    if (!ctx.signature) return ctx.accept(); // the client asks whether this key would do
    if (clientKey.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
    return ctx.reject(["publickey"]);
  });
  conn.on("ready", () => {
    let sessions = 0;
    conn.on("session", (accept, reject) => {
      if (sessions >= MAX_SESSIONS) return reject();
      sessions++;
      const session = accept();
      let done = false;
      const release = () => {
        if (!done) sessions--;
        done = true;
      };
      session.on("close", release);
      session.on("exec", (acceptExec, _rejectExec, info) => {
        const channel: ServerChannel = acceptExec();
        channel.on("close", release);
        channel.on("error", () => {});
        channel.stderr.on("error", () => {});
        if (info.command === BATCH_BOOTSTRAP) return replayBatch(channel, capture);
        const answer = replay(capture, info.command);
        if (answer.stdout.length > 0) channel.write(answer.stdout);
        if (answer.stderr.length > 0) channel.stderr.write(answer.stderr);
        channel.exit(answer.exitCode);
        channel.end();
      });
      let pty = false;
      session.on("pty", (acceptPty) => {
        pty = true;
        acceptPty?.();
      });
      session.on("shell", (acceptShell) => {
        const channel = acceptShell();
        channel.on("close", release);
        channel.on("error", () => {});
        replShell(channel, capture, pty);
      });
    });
    conn.on("tcpip", (accept, reject, info) => {
      if (!reaches(listeners, capture.standIns, info.destIP, info.destPort)) return reject();
      serveStandIn(accept(), capture.standIns.find((s) => s.port === info.destPort) ?? (info.destPort === 22 ? SSHD_STAND_IN : undefined));
    });
  });
}

function writeJsonAtomic(file: string, value: unknown) {
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${file}.tmp`, file);
}

export async function startSimFleet(opts: TSimFleetOptions): Promise<TSimFleet> {
  const dir = path.resolve(opts.dir ?? ".data/sim");
  const basePort = opts.basePort ?? 2200;
  if (!Number.isInteger(opts.hosts) || opts.hosts < 1 || basePort + opts.hosts > 65536) {
    throw new Error(`cannot serve ${opts.hosts} hosts from port ${basePort}`);
  }
  const captures = new Map((opts.captures ?? loadCaptures()).map((c) => [c.scenario, c]));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const clientPath = path.join(dir, "client_ed25519");
  const client = loadOrCreateKey(clientPath, "palisade-sim-client");
  const clientKey = ssh2.utils.parseKey(client.publicKey);
  if (clientKey instanceof Error || Array.isArray(clientKey)) throw new Error("cannot parse the sim client key");

  const servers: ssh2.Server[] = [];
  const open = new Set<Connection>();
  const hosts: TManifestHost[] = [];
  try {
    for (const plan of planHosts(opts.hosts)) {
      const label = plan.name.replace(/^lab/, "sim");
      const port = basePort + plan.index;
      const pinned = loadOrCreateKey(path.join(dir, "hosts", label, "ssh_host_ed25519_key"), `root@${label}`);
      const host: TManifestHost = {
        label,
        address: "127.0.0.1",
        port,
        username: plan.scenario.auditUser.name,
        hostKeyFingerprint: pinned.fingerprint,
        scenario: plan.scenario.id,
        simulated: true,
        expected: { outcome: plan.scenario.expected.outcome, findings: plan.scenario.expected.findings },
      };
      hosts.push(host);
      // unreachable: nothing listens on its port (connection refused, at once).
      if (plan.scenario.reach === "unreachable") continue;
      const capture = captures.get(plan.scenario.id);
      if (!capture) throw new Error(`no capture for scenario ${plan.scenario.id}: run \`npm run lab -- capture\``);
      const presented: TKeyPair = plan.scenario.reach === "host-key-changed" ? generateEd25519(`root@${label}`) : pinned;
      const listeners = tcpListeners(capture);
      const server = new ssh2.Server({ hostKeys: [presented.privateKey], ident: capture.sshIdent ?? "OpenSSH_9.2p1 Debian-2+deb12u6" }, (conn) => {
        open.add(conn);
        conn.on("close", () => open.delete(conn));
        handleConnection(conn, capture, clientKey, listeners);
      });
      // Without TCP_NODELAY every channel stalls ~50 ms on Nagle + delayed ACK.
      server.on("connection", (conn) => (conn as unknown as { setNoDelay(v: boolean): void }).setNoDelay(true));
      server.on("error", () => {});
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        const onErr = (e: Error) => reject(new Error(`port ${port}: ${e.message}`));
        server.once("error", onErr);
        server.listen(port, "127.0.0.1", () => {
          server.removeListener("error", onErr);
          resolve();
        });
      });
    }
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
    throw err;
  }

  const manifest: TManifest = { kind: "sim", createdAt: new Date().toISOString(), clientKeyPath: clientPath, hosts };
  const manifestPath = path.join(dir, "manifest.json");
  writeJsonAtomic(manifestPath, manifest);
  return {
    manifest,
    manifestPath,
    close: async () => {
      const closing = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      // close() alone waits for every client to leave; end the open connections too.
      for (const c of open) c.end();
      await Promise.all(closing);
    },
  };
}
