// `lab up` and `lab down`: bring real machines up from the cached image, tear everything down.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { connectPinned, execCommand } from "../../lib/audit/ssh/exec";
import { hostAddress, labPaths, MAX_HOSTS, type TLabPaths } from "./config";
import { renderHost } from "./host/render";
import { createMachineCgroups, killMachineCgroups, removeLabCgroups, waitLabCgroupsEmpty } from "./cgroup";
import { currentStageNames, ensureImage, pruneImages } from "./image/build";
import { generateEd25519, loadOrCreateKey } from "./keys";
import { bootMachine, findMachinesUnder, isMounted, mountOverlay, stopMachine, unmount, waitForSshBanner } from "./machine";
import {
  createHostNetwork,
  ensureBridge,
  ensureForwardGuard,
  listLabNetns,
  removeBridge,
  removeForwardGuard,
  removeHostNetwork,
} from "./net";
import { which } from "./run";
import { planHosts, type THostPlan } from "./scenarios";
import { readState, writeState, type THostState, type TLabState, type TManifest } from "./state";

export class LabError extends Error {}

function log(msg: string) {
  process.stderr.write(`[lab] ${msg}\n`);
}

export async function labPrerequisites(): Promise<string[]> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push("root (the lab creates network namespaces, mounts and machines)");
  for (const tool of ["systemd-nspawn", "ip", "mount", "unshare"]) {
    if (!(await which(tool))) missing.push(`${tool} (${tool === "systemd-nspawn" ? "Debian package systemd-container" : tool === "ip" ? "iproute2" : "util-linux"})`);
  }
  return missing;
}

async function requirePrerequisites() {
  const missing = await labPrerequisites();
  if (missing.length > 0) {
    throw new LabError(`the lab needs: ${missing.join("; ")}. Try \`npm run lab -- sim\` for the demo fleet, which needs none of these.`);
  }
}

function hostsDir(paths: TLabPaths) {
  return path.join(paths.state, "hosts");
}

export type TUpResult = { state: TLabState; seconds: number; imageSeconds: number };

export async function labUp(opts: { hosts: number; paths?: TLabPaths; readyTimeoutMs?: number }): Promise<TUpResult> {
  const paths = opts.paths ?? labPaths();
  await requirePrerequisites();
  if (!Number.isInteger(opts.hosts) || opts.hosts < 1 || opts.hosts > MAX_HOSTS) {
    throw new LabError(`--hosts must be 1..${MAX_HOSTS}`);
  }
  const existing = readState(paths.stateFile);
  if (existing || (await listLabNetns()).length > 0) {
    throw new LabError("a lab is already up (or was left behind): run `npm run lab -- down` first");
  }
  if (!(await which("debootstrap")) && !existsSync(paths.cache)) {
    throw new LabError("no cached image and no debootstrap: install the Debian package debootstrap");
  }
  const image = await ensureImage(paths.cache);
  const t0 = performance.now();
  const client = loadOrCreateKey(paths.clientKey, "palisade-lab-client");
  const plans = planHosts(opts.hosts);
  const state: TLabState = {
    version: 1,
    startedAt: new Date().toISOString(),
    image: image.rootfs,
    bridge: false,
    forwardGuard: false,
    clientKeyPath: paths.clientKey,
    hosts: [],
  };
  writeState(paths.stateFile, state);
  try {
    await ensureBridge();
    state.bridge = true;
    state.forwardGuard = await ensureForwardGuard();
    writeState(paths.stateFile, state);
    // allSettled, not all: teardown must not start while other hosts are still being mounted
    // and booted, or it would miss what they create after it looked.
    await settleAll(plans.map((plan) => startHost(plan, paths, image.rootfs, client.publicKey, state)));
    await settleAll(
      state.hosts.filter((h) => h.pid !== undefined).map((h) => waitReady(h, client.privateKey, opts.readyTimeoutMs ?? 60_000)),
    );
    writeManifest(paths, state);
    pruneImages(paths.cache, currentStageNames());
    return { state, seconds: (performance.now() - t0) / 1000, imageSeconds: image.seconds };
  } catch (err) {
    log(`up failed, tearing down: ${(err as Error).message}`);
    // Machines that were only just booting may not act on a halt request: be brief with them.
    await labDown({ paths, graceMs: 2000 }).catch((e) => log(`teardown after failed up: ${(e as Error).message}`));
    throw err;
  }
}

async function settleAll(work: Promise<unknown>[]) {
  const results = await Promise.allSettled(work);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length > 0) {
    const reasons = [...new Set(failed.map((f) => (f.reason as Error).message))];
    throw new LabError(`${failed.length} host(s) failed: ${reasons.join("; ")}`);
  }
}

async function startHost(plan: THostPlan, paths: TLabPaths, image: string, clientPublicKey: string, state: TLabState) {
  const address = hostAddress(plan.index);
  const pinned = loadOrCreateKey(path.join(paths.keysDir, "hosts", plan.name, "ssh_host_ed25519_key"), `root@${plan.name}`);
  // host-key-changed: the host boots with a fresh key, but the recorded one stays pinned.
  const presented = plan.scenario.reach === "host-key-changed" ? generateEd25519(`root@${plan.name}`) : pinned;
  const host: THostState = {
    name: plan.name,
    index: plan.index,
    scenario: plan.scenario.id,
    reach: plan.scenario.reach,
    address,
    port: 22,
    username: plan.scenario.auditUser.name,
    hostKeyFingerprint: pinned.fingerprint,
    presentedFingerprint: presented.fingerprint,
  };
  state.hosts.push(host);
  state.hosts.sort((a, b) => a.index - b.index);
  if (plan.scenario.reach === "unreachable") return host;

  const dir = path.join(hostsDir(paths), plan.name);
  host.dir = dir;
  const { netns } = await createHostNetwork(plan.index, address);
  host.netns = netns;
  writeState(paths.stateFile, state);
  host.merged = await mountOverlay(image, dir);
  host.mounted = true;
  writeState(paths.stateFile, state);
  renderHost({
    root: host.merged,
    hostname: plan.name,
    scenario: plan.scenario,
    hostKey: presented,
    clientPublicKey,
  });
  const cgroups = createMachineCgroups(plan.name);
  host.pid = bootMachine({ name: plan.name, merged: host.merged, netns, log: path.join(dir, "console.log"), cgroups });
  writeState(paths.stateFile, state);
  return host;
}

// Ready means: sshd answers, our key logs in with the key the host really presents, and
// systemd has finished booting (every scenario service started or failed).
async function waitReady(host: THostState, clientPrivateKey: string, timeoutMs: number) {
  await waitForSshBanner(host.address, host.port, timeoutMs);
  const conn = await connectPinned({
    host: host.address,
    port: host.port,
    username: host.username,
    privateKey: clientPrivateKey,
    hostKeyFingerprint: host.presentedFingerprint ?? host.hostKeyFingerprint,
  });
  try {
    const r = await execCommand(conn, "systemctl is-system-running --wait", { timeoutMs });
    const status = r.stdout.toString().trim();
    if (status !== "running") {
      const failed = await execCommand(conn, "systemctl --failed --no-legend --plain", { timeoutMs: 10_000 });
      log(`${host.name}: boot finished '${status}'; failed units: ${failed.stdout.toString().trim() || "none"}`);
    }
  } finally {
    conn.end();
  }
}

export function manifestFromState(state: TLabState): TManifest {
  const plans = new Map(planHosts(state.hosts.length).map((p) => [p.name, p]));
  return {
    kind: "lab",
    createdAt: state.startedAt,
    clientKeyPath: state.clientKeyPath,
    hosts: state.hosts.map((h) => ({
      label: h.name,
      address: h.address,
      port: h.port,
      username: h.username,
      hostKeyFingerprint: h.hostKeyFingerprint,
      scenario: h.scenario,
      simulated: false,
      expected: {
        outcome: plans.get(h.name)?.scenario.expected.outcome ?? "audited",
        findings: plans.get(h.name)?.scenario.expected.findings ?? [],
      },
    })),
  };
}

function writeManifest(paths: TLabPaths, state: TLabState) {
  mkdirSync(paths.state, { recursive: true });
  writeFileSync(path.join(paths.state, "manifest.json"), JSON.stringify(manifestFromState(state), null, 2));
}

export type TDownResult = { machines: number; seconds: number; leftovers: string[] };

// Idempotent, and works without a state file: it also looks for our namespaces, mounts and
// nspawn processes by their names and paths.
export async function labDown(opts: { paths?: TLabPaths; graceMs?: number } = {}): Promise<TDownResult> {
  const paths = opts.paths ?? labPaths();
  await requirePrerequisites();
  const t0 = performance.now();
  const state = readState(paths.stateFile);
  const hosts = hostsDir(paths);
  const machines = new Map<string, number>();
  for (const h of state?.hosts ?? []) if (h.pid !== undefined && h.merged) machines.set(h.merged, h.pid);
  for (const m of findMachinesUnder(hosts)) machines.set(m.merged, m.pid);

  const outcomes = await Promise.all([...machines].map(([merged, pid]) => stopMachine(pid, merged, opts.graceMs)));
  const killed = outcomes.filter((o) => o === "killed").length;
  if (killed > 0) log(`${killed} machine(s) did not stop on SIGTERM in time and were killed`);
  // Whatever a killed machine left running, and anything our cgroups still hold.
  const names = new Set([...machines.keys()].map((m) => path.basename(path.dirname(m))));
  for (const h of state?.hosts ?? []) names.add(h.name);
  for (const name of names) killMachineCgroups(name);
  await waitLabCgroupsEmpty();

  const mounts = new Set<string>();
  for (const h of state?.hosts ?? []) if (h.merged) mounts.add(h.merged);
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const mp = line.split(" ")[4];
    if (mp && mp.startsWith(`${hosts}/`)) mounts.add(mp);
  }
  // Deepest first: nspawn may leave nothing, but a crashed one can leave mounts inside merged/.
  for (const mp of [...mounts].sort((a, b) => b.length - a.length)) await unmount(mp);

  const namespaces = new Set<string>(await listLabNetns());
  for (const h of state?.hosts ?? []) if (h.netns) namespaces.add(h.netns);
  await Promise.all([...namespaces].map((ns) => removeHostNetwork(ns)));

  await removeForwardGuard();
  await removeBridge();
  const leftovers = [...mounts].filter((m) => isMounted(m));
  leftovers.push(...removeLabCgroups());
  if (leftovers.length === 0) rmSync(paths.state, { recursive: true, force: true });
  return { machines: machines.size, seconds: (performance.now() - t0) / 1000, leftovers };
}

export function labStatus(paths: TLabPaths = labPaths()): TManifest | undefined {
  const state = readState(paths.stateFile);
  return state ? manifestFromState(state) : undefined;
}
