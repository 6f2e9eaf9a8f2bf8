// `lab capture`: audits every scenario on the running lab with the engine's exact command set
// and writes (1) a replay file per scenario for the demo fleet and (2) parser fixtures.
import { readFileSync } from "node:fs";
import type { Client } from "ssh2";
import {
  asRoot,
  crontabForUser,
  DISCOVERY_COMMANDS,
  FORENSICS_COMMANDS,
} from "../../../lib/audit/command-set";
import { connectPinned, execCommand } from "../../../lib/audit/ssh/exec";
import { labPaths } from "../config";
import { LabError } from "../lab";
import { scenarioById } from "../scenarios";
import type { TScenario } from "../scenarios/types";
import { readState, type THostState } from "../state";
import { toCapturedOutput, type TCapture, type TCapturedOutput } from "../sim/capture-format";
import { waitForSshBanner } from "../machine";
import { recordStandIn } from "./probes";
import { writeCapture, writeFixtures } from "./write";

function log(msg: string) {
  process.stderr.write(`[lab capture] ${msg}\n`);
}

// PIDs named by ss's users:(("name",pid=N,fd=M)) column.
export function pidsFromSs(output: string): number[] {
  const pids = new Set<number>();
  for (const m of output.matchAll(/pid=(\d+)/g)) pids.add(Number(m[1]));
  return [...pids].sort((a, b) => a - b);
}

function ppidFromStatus(status: string): number | undefined {
  const m = /^PPid:\s+(\d+)/m.exec(status);
  return m && Number(m[1]) > 0 ? Number(m[1]) : undefined;
}

export async function captureHost(conn: Client, host: THostState, scenario: TScenario): Promise<TCapture> {
  const commands: Record<string, TCapturedOutput> = {};
  const commandIds: TCapture["commandIds"] = {};
  let current = { id: "", parser: "" };
  const runOne = async (command: string) => {
    commandIds[command] ??= current;
    if (commands[command]) return commands[command]!;
    const r = await execCommand(conn, command, { timeoutMs: 20_000 });
    commands[command] = toCapturedOutput(r.stdout, r.stderr, r.exitCode);
    return commands[command]!;
  };
  const isRoot = scenario.auditUser.sudo === "root";
  // As root, the plain command. Otherwise both: the engine may try plain first, then sudo -n.
  const runAll = async (command: string, needsRoot: boolean) => {
    const plain = await runOne(command);
    if (isRoot || !needsRoot) return plain;
    const sudo = await runOne(asRoot(command));
    return sudo.exitCode === 0 ? sudo : plain;
  };

  const byId = new Map<string, TCapturedOutput>();
  for (const c of DISCOVERY_COMMANDS) {
    current = { id: c.id, parser: c.parser };
    byId.set(c.id, await runAll(c.command, c.needsRoot ?? false));
  }

  const spool = byId.get("crontab-spool");
  if (spool?.exitCode === 0) {
    current = { id: "crontab-user", parser: "crontab" };
    for (const user of spool.stdout.split("\n").filter((u) => /^[a-z_][a-z0-9_-]*$/.test(u))) {
      await runAll(crontabForUser(user), true);
    }
  }

  const pids = pidsFromSs(`${byId.get("ss-tcp")?.stdout ?? ""}\n${byId.get("ss-udp")?.stdout ?? ""}`);
  const seen = new Set<number>();
  const queue = [...pids];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    for (const f of FORENSICS_COMMANDS) {
      current = { id: f.id, parser: f.parser };
      const out = await runAll(f.command(pid), f.needsRoot);
      if (f.id === "proc-status") {
        // The parent's forensics too ("who started it"), one level up, never PID 1's.
        const ppid = ppidFromStatus(out.stdout);
        if (ppid !== undefined && ppid > 1 && pids.includes(pid)) queue.push(ppid);
      }
    }
  }

  const readFileAsRoot = async (path: string) => {
    const r = await execCommand(conn, isRoot ? `cat ${path}` : asRoot(`cat ${path}`), { timeoutMs: 10_000 });
    return r.stdout.toString("utf8");
  };
  const standIns = [];
  for (const probe of scenario.probes ?? []) standIns.push(await recordStandIn(conn, probe, readFileAsRoot));

  const prettyName = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(byId.get("os-release")?.stdout ?? "")?.[1] ?? "unknown";
  return {
    format: 1,
    scenario: scenario.id,
    host: host.name,
    distro: prettyName,
    capturedAt: new Date().toISOString(),
    username: host.username,
    commands,
    commandIds,
    standIns,
  };
}

export async function captureLab() {
  const paths = labPaths();
  const state = readState(paths.stateFile);
  if (!state) throw new LabError("no lab is up: run `npm run lab -- up --hosts 13` first (one host per scenario)");
  const clientKey = readFileSync(paths.clientKey, "utf8");
  const done = new Set<string>();
  for (const host of state.hosts) {
    const scenario = scenarioById(host.scenario);
    if (!scenario || done.has(scenario.id) || scenario.reach === "unreachable") continue;
    log(`${host.name} (${host.address})`);
    // Capture always uses the key the host really presents (host-key-changed included): the
    // demo fleet then serves that scenario with a key that differs from the one it advertises.
    const conn = await connectPinned({
      host: host.address,
      port: host.port,
      username: host.username,
      privateKey: clientKey,
      hostKeyFingerprint: host.presentedFingerprint ?? host.hostKeyFingerprint,
    });
    try {
      const capture = await captureHost(conn, host, scenario);
      const banner = await waitForSshBanner(host.address, host.port, 5000);
      capture.sshIdent = banner.replace(/^SSH-2\.0-/, "");
      writeCapture(capture);
      writeFixtures(capture);
      done.add(scenario.id);
    } finally {
      conn.end();
    }
  }
  log(`captured ${done.size} scenario(s): ${[...done].join(", ")}`);
}
