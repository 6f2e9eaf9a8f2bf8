// A scriptable ssh2 server on 127.0.0.1 for the engine's own tests: counts the session channels
// open at once (as sshd would), can refuse sessions beyond a limit like MaxSessions, and answers
// a few commands slowly or at length. Test support only.
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import ssh2, { type Connection, type ServerChannel } from "ssh2";
import { generateEd25519 } from "../../../scripts/lab/keys";

export type TTestServer = {
  port: number;
  hostKeyFingerprint: string;
  clientKey: string;
  stats: { open: number; peak: number; refused: number; execs: number; forwardsOpen: number; forwardsPeak: number; forwards: number };
  connections: Set<Connection>;
  close(): Promise<void>;
};

// Commands (without `shell`): "sleep MS" answers after MS; "bytes N" writes N bytes of "x"; "hang" never exits;
// "drop" closes the whole connection; "id" says root; anything else is echoed.
// `hang` makes matching commands never answer, to exercise timeouts with real command strings.
// `forward` answers direct-tcpip (port forwarding): a handler serves the forwarded stream, null
// refuses the connection (as sshd does when nothing listens there). Without `forward` every
// forwarding request is refused as administratively prohibited, like AllowTcpForwarding no.
export type TForwardHandler = (destIP: string, destPort: number) => ((stream: ServerChannel) => void) | null;

// `shell`: exec runs for real, as sshd would run it: `sh -c COMMAND` on this machine, the
// channel's stdin, stdout and stderr wired to it, a signal request delivered to it.
function runInShell(ch: ServerChannel, command: string): ChildProcess {
  const child = spawn("/bin/sh", ["-c", command], { argv0: "sh", env: { ...process.env, SHELL: "/bin/sh" }, stdio: ["pipe", "pipe", "pipe"] });
  ch.pipe(child.stdin);
  child.stdin.on("error", () => {});
  child.stdout.on("data", (d: Buffer) => ch.write(d));
  child.stderr.on("data", (d: Buffer) => ch.stderr.write(d));
  child.on("close", (code, signal) => {
    if (signal) ch.exit(signal.replace(/^SIG/, ""), false, "");
    else ch.exit(code ?? 255);
    ch.end();
  });
  ch.on("close", () => child.kill("SIGKILL"));
  return child;
}

export async function startTestServer(
  opts: { maxSessions?: number; username?: string; password?: string; hang?: RegExp; forward?: TForwardHandler; shell?: boolean } = {},
): Promise<TTestServer> {
  const host = generateEd25519("test-host");
  const client = generateEd25519("test-client");
  const stats = { open: 0, peak: 0, refused: 0, execs: 0, forwardsOpen: 0, forwardsPeak: 0, forwards: 0 };
  const connections = new Set<Connection>();
  const maxSessions = opts.maxSessions ?? 10;
  const server = new ssh2.Server({ hostKeys: [host.privateKey] }, (conn) => {
    connections.add(conn);
    conn.on("close", () => connections.delete(conn));
    conn.on("error", () => {});
    conn.on("authentication", (ctx) => {
      const user = ctx.username === (opts.username ?? "audit");
      if (ctx.method === "publickey" && user && !opts.password) return ctx.accept();
      if (ctx.method === "password" && user && opts.password !== undefined && ctx.password === opts.password) return ctx.accept();
      ctx.reject(opts.password !== undefined ? ["password"] : ["publickey"]);
    });
    conn.on("ready", () => {
      const forward = opts.forward;
      if (forward) {
        conn.on("tcpip", (accept, reject, info) => {
          const serve = forward(info.destIP, info.destPort);
          if (!serve) return reject();
          const stream = accept();
          stats.forwards++;
          stats.forwardsOpen++;
          stats.forwardsPeak = Math.max(stats.forwardsPeak, stats.forwardsOpen);
          stream.once("close", () => stats.forwardsOpen--);
          stream.on("error", () => {});
          serve(stream);
        });
      }
      let sessions = 0;
      conn.on("session", (accept, reject) => {
        if (sessions >= maxSessions) {
          stats.refused++;
          return reject();
        }
        sessions++;
        stats.open++;
        stats.peak = Math.max(stats.peak, stats.open);
        const session = accept();
        let done = false;
        const release = () => {
          if (done) return;
          done = true;
          sessions--;
          stats.open--;
        };
        session.on("close", release);
        let child: ChildProcess | undefined;
        session.on("signal", (_accept, _reject, info) => child?.kill(`SIG${info.name}` as NodeJS.Signals));
        session.on("exec", (acceptExec, _reject, info) => {
          stats.execs++;
          const ch = acceptExec();
          ch.on("close", release);
          ch.on("error", () => {});
          ch.stderr.on("error", () => {}); // a client gone mid-command: what is left to write is dropped
          if (opts.shell) {
            child = runInShell(ch, info.command);
            return;
          }
          const [word, arg] = info.command.split(" ");
          const finish = (code: number) => {
            ch.exit(code);
            ch.end();
          };
          if (opts.hang?.test(info.command)) return;
          if (word === "sleep") setTimeout(() => (ch.write(`slept ${arg}\n`), finish(0)), Number(arg));
          else if (word === "bytes") (ch.write(Buffer.alloc(Number(arg), "x")), ch.stderr.write("warn\n"), finish(0));
          else if (word === "hang") return;
          else if (word === "drop") conn.end();
          else if (info.command === "id") (ch.write(`uid=0(root) gid=0(root) groups=0(root)\n`), finish(0));
          else (ch.write(`${info.command}\n`), finish(0));
        });
      });
    });
  });
  server.on("connection", (c) => (c as unknown as { setNoDelay(v: boolean): void }).setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    hostKeyFingerprint: host.fingerprint,
    clientKey: client.privateKey,
    stats,
    connections,
    close: async () => {
      for (const c of connections) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
