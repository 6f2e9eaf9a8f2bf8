// The two baselines of `bench sshd`: Ansible ad-hoc and a plain ssh + xargs loop, each running
// the discovery command set verbatim on the same lab hosts with the same key, the same pinned
// host keys and the same parallelism as Palisade. Lab addresses only (10.250.0.0/24).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DISCOVERY_COMMANDS } from "@/lib/audit/command-set";
import type { TManifestHost } from "../lab/state";

export type TBaselineResult = { wallSeconds: number; hostsAnswered: number };
export type TBaselineSetup = { dir: string; hosts: TManifestHost[]; clientKey: string; knownHosts: string; concurrency: number };

// Every command of the set, in order, one after another in one remote shell; a command that
// fails (docker absent, no root) does not stop the rest, as it does not stop Palisade.
export const ALL_COMMANDS = DISCOVERY_COMMANDS.map((c) => c.command).join("; ");
// Ends the script, so a host whose output carries it ran every command.
const PASSWD_MARK = /^root:x:0:0:/m;

type TExit = { code: number | null; stdout: string; stderr: string; seconds: number };

// Bounded: a tool that hangs is killed after `timeoutMs` and the bench says so.
export function runTool(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs: number; cwd?: string }): Promise<TExit> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

const sshOptions = (s: TBaselineSetup) => [
  "-i", s.clientKey,
  "-o", "BatchMode=yes",
  "-o", "IdentitiesOnly=yes",
  "-o", `UserKnownHostsFile=${s.knownHosts}`,
  "-o", "GlobalKnownHostsFile=/dev/null",
  "-o", "StrictHostKeyChecking=yes",
  "-o", "ConnectTimeout=10",
  "-o", "LogLevel=ERROR",
];

export const SSH_HOW = `xargs: one ssh per host running all ${DISCOVERY_COMMANDS.length} discovery commands in one shell`;
export const ANSIBLE_HOW = {
  shell: `ansible all -m shell: one task per host running all ${DISCOVERY_COMMANDS.length} discovery commands`,
  raw: `ansible all -m raw, once per command: ${DISCOVERY_COMMANDS.length} invocations, each over all hosts`,
};

// One ssh per host running every command; xargs keeps `concurrency` of them going.
export async function runSshLoop(s: TBaselineSetup): Promise<TBaselineResult> {
  const out = path.join(s.dir, "ssh-out");
  mkdirSync(out, { recursive: true });
  const targets = path.join(s.dir, "ssh-targets");
  writeFileSync(targets, s.hosts.map((h) => `${h.username}@${h.address}`).join("\n") + "\n");
  // $1 is the target; the options and the commands come in through the environment, untouched.
  const perHost = `ssh $BENCH_SSH_OPTS -p 22 "$1" "$BENCH_COMMANDS" > "$BENCH_OUT/$1" 2>&1`;
  const env = { ...process.env, BENCH_SSH_OPTS: sshOptions(s).join(" "), BENCH_COMMANDS: ALL_COMMANDS, BENCH_OUT: out };
  const r = await runTool("xargs", ["-a", targets, "-P", String(s.concurrency), "-n", "1", "sh", "-c", perHost, "_"], { env, timeoutMs: 300_000 });
  const answered = s.hosts.filter((h) => {
    const file = path.join(out, `${h.username}@${h.address}`);
    return existsSync(file) && PASSWD_MARK.test(readFileSync(file, "utf8"));
  }).length;
  if (answered === 0) throw new Error(`the ssh loop reached no host (xargs exit ${r.code}): ${r.stderr.trim().split("\n").slice(0, 3).join(" ")}`);
  return { wallSeconds: +r.seconds.toFixed(2), hostsAnswered: answered };
}

export function ansibleEnv(s: TBaselineSetup): NodeJS.ProcessEnv {
  const home = path.join(s.dir, "ansible-home");
  const controlDir = path.join(s.dir, "cp");
  mkdirSync(home, { recursive: true });
  mkdirSync(controlDir, { recursive: true });
  // An empty config of our own: no ansible.cfg from the working directory, home or /etc.
  const config = path.join(s.dir, "ansible.cfg");
  writeFileSync(config, "[defaults]\n");
  return {
    ...process.env,
    ANSIBLE_CONFIG: config,
    ANSIBLE_HOME: home,
    ANSIBLE_LOCAL_TEMP: path.join(home, "tmp"),
    ANSIBLE_HOST_KEY_CHECKING: "True",
    ANSIBLE_PRIVATE_KEY_FILE: s.clientKey,
    ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
    // Ansible's own default ssh arguments (connection sharing) plus the pinned keys.
    ANSIBLE_SSH_ARGS: `-C -o ControlMaster=auto -o ControlPersist=60s ${sshOptions(s).slice(2).join(" ")}`,
    ANSIBLE_PYTHON_INTERPRETER: "/usr/bin/python3",
    ANSIBLE_RETRY_FILES_ENABLED: "False",
    ANSIBLE_NOCOLOR: "1",
  };
}

export type TAnsibleMode = "shell" | "raw";

// Each host's block starts with "label | CHANGED | rc=0 >>" (or FAILED with the remote exit
// code when the command ran but failed) and carries its output.
function answeredHosts(stdout: string, hosts: TManifestHost[], mustContain?: RegExp): Set<string> {
  const blocks = stdout.split(/^(?=\S+ \| [A-Z]+ )/m);
  return new Set(hosts.filter((h) => blocks.some((b) => b.startsWith(`${h.label} | `) && / \| (CHANGED|FAILED) \| rc=\d+ >>/.test(b) && (!mustContain || mustContain.test(b)))).map((h) => h.label));
}

// shell: one `ansible all -m shell` with every command, one task per host (the module copied
// over and run by the host's python). raw: one `ansible all -m raw` per command, each over all
// hosts, sharing connections through Ansible's default ControlPersist. `-f` is Palisade's
// concurrency either way; `{% raw %}` keeps docker's `{{json .}}` away from Jinja.
export async function runAnsible(s: TBaselineSetup, mode: TAnsibleMode): Promise<TBaselineResult> {
  const inventory = path.join(s.dir, "inventory.ini");
  writeFileSync(inventory, ["[lab]", ...s.hosts.map((h) => `${h.label} ansible_host=${h.address} ansible_port=${h.port} ansible_user=${h.username}`)].join("\n") + "\n");
  const env = ansibleEnv(s);
  const adHoc = (module: string, command: string) =>
    runTool("ansible", ["all", "-i", inventory, "-m", module, "-a", `{% raw %}${command}{% endraw %}`, "-f", String(s.concurrency), "-T", "10"], { env, timeoutMs: 600_000, cwd: s.dir });
  try {
    const t0 = performance.now();
    let answered: number;
    if (mode === "shell") {
      const r = await adHoc("shell", ALL_COMMANDS);
      writeFileSync(path.join(s.dir, "ansible.log"), r.stdout + r.stderr);
      answered = answeredHosts(r.stdout, s.hosts, PASSWD_MARK).size;
      if (answered === 0) throw new Error(`ansible ran on no host (exit ${r.code}): ${(r.stderr || r.stdout).trim().split("\n").slice(0, 3).join(" ")}`);
    } else {
      // A host counts as answered when every command ran on it.
      let everywhere = new Set(s.hosts.map((h) => h.label));
      for (const c of DISCOVERY_COMMANDS) {
        const r = await adHoc("raw", c.command);
        const ran = answeredHosts(r.stdout, s.hosts);
        everywhere = new Set([...everywhere].filter((l) => ran.has(l)));
      }
      answered = everywhere.size;
      if (answered === 0) throw new Error("ansible -m raw ran every command on no host");
    }
    return { wallSeconds: +((performance.now() - t0) / 1000).toFixed(2), hostsAnswered: answered };
  } finally {
    await stopControlMasters(env.ANSIBLE_SSH_CONTROL_PATH_DIR!);
  }
}

// ControlPersist leaves one ssh master per host for a minute: stop them now.
async function stopControlMasters(dir: string) {
  if (!existsSync(dir)) return;
  await Promise.all(readdirSync(dir).map((sock) => runTool("ssh", ["-o", `ControlPath=${path.join(dir, sock)}`, "-O", "exit", "lab-host"], { timeoutMs: 10_000 }).catch(() => undefined)));
}
