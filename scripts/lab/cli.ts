// npm run lab -- up [--hosts N] | down | status [--json] | ssh <host> [command...]
//                | image | capture | sim [--hosts N] [--dir D] [--base-port P]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { labPaths } from "./config";
import { labDown, LabError, labStatus, labUp, labPrerequisites } from "./lab";
import { ensureImage } from "./image/build";
import { readState } from "./state";

const USAGE = `usage: npm run lab -- <command>
  up [--hosts N]        boot N real Debian 12 machines (root; default 5)
  down                  stop every lab machine, remove namespaces, bridge and mounts
  status [--json]       each host's address, port, user and expected findings
  ssh <host> [cmd...]   open a shell (or run cmd) on a lab host, host key pinned
  image                 build (or reuse) the cached image and print its path
  capture               audit every lab host and write fixtures + sim captures
  sim [--hosts N] [--dir D] [--base-port P]
                        serve the demo fleet on 127.0.0.1 (no root needed)
env: PALISADE_LAB_CACHE (default /var/cache/palisade-lab), PALISADE_LAB_STATE (default /run/palisade-lab)`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new LabError(`${name} needs a value`);
  return v;
}

function intFlag(args: string[], name: string, dflt: number): number {
  const v = flag(args, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new LabError(`${name} must be a whole number, got "${v}"`);
  return Number(v);
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case "up": {
      const r = await labUp({ hosts: intFlag(args, "--hosts", 5) });
      const up = r.state.hosts.filter((h) => h.pid !== undefined).length;
      if (r.imageSeconds > 0) console.log(`image built in ${r.imageSeconds.toFixed(1)} s`);
      console.log(`${up} machine(s) up in ${r.seconds.toFixed(1)} s (${r.state.hosts.length - up} planned unreachable)`);
      printStatus(false);
      return 0;
    }
    case "down": {
      const r = await labDown();
      console.log(`lab down: ${r.machines} machine(s) stopped in ${r.seconds.toFixed(1)} s`);
      if (r.leftovers.length > 0) {
        console.error(`left behind (run down again, or remove by hand): ${r.leftovers.join(", ")}`);
        return 1;
      }
      return 0;
    }
    case "status":
      return printStatus(args.includes("--json"));
    case "ssh":
      return sshTo(args);
    case "image": {
      const missing = await labPrerequisites();
      if (missing.length > 0) throw new LabError(`the image build needs: ${missing.join("; ")}`);
      const img = await ensureImage(labPaths().cache);
      console.log(`${img.rootfs} (${img.built ? `built in ${img.seconds.toFixed(1)} s` : "cached"})`);
      return 0;
    }
    case "capture": {
      const { captureLab } = await import("./capture/capture");
      await captureLab();
      return 0;
    }
    case "sim": {
      const { runSimCli } = await import("./sim/cli-sim");
      return runSimCli({
        hosts: intFlag(args, "--hosts", 13),
        dir: flag(args, "--dir"),
        basePort: intFlag(args, "--base-port", 2200),
      });
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      console.error(`unknown command "${cmd}"\n${USAGE}`);
      return 2;
  }
}

function printStatus(json: boolean): number {
  const manifest = labStatus();
  if (!manifest) {
    console.log("no lab is up");
    return json ? 1 : 0;
  }
  if (json) {
    console.log(JSON.stringify(manifest, null, 2));
    return 0;
  }
  console.log(`client key: ${manifest.clientKeyPath}`);
  for (const h of manifest.hosts) {
    console.log(`\n${h.label}  ${h.address}:${h.port}  user=${h.username}  key=${h.hostKeyFingerprint}`);
    console.log(`  scenario ${h.scenario}: expect ${h.expected.outcome}`);
    for (const f of h.expected.findings) {
      const owner = [f.owner.process, f.owner.user, f.owner.unit].filter(Boolean).join(" / ");
      console.log(`  - ${f.severity.toUpperCase().padEnd(8)} ${f.proto}/${f.port} on ${f.bind}  owner ${owner}`);
    }
  }
  return 0;
}

function sshTo(args: string[]): number {
  const [which, ...command] = args;
  const paths = labPaths();
  const state = readState(paths.stateFile);
  if (!state) throw new LabError("no lab is up");
  const host = state.hosts.find(
    (h) => h.name === which || h.scenario === which || h.address === which || String(h.index + 1) === which,
  );
  if (!host) throw new LabError(`no lab host "${which}"; hosts: ${state.hosts.map((h) => h.name).join(", ")}`);
  const pub = path.join(paths.keysDir, "hosts", host.name, "ssh_host_ed25519_key.pub");
  const knownHosts = path.join(paths.state, `known_hosts.${host.name}`);
  writeFileSync(knownHosts, `${host.address} ${readFileSync(pub, "utf8")}`);
  const r = spawnSync(
    "ssh",
    [
      "-i",
      paths.clientKey,
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      `UserKnownHostsFile=${knownHosts}`,
      "-o",
      "StrictHostKeyChecking=yes",
      "-o",
      "ConnectTimeout=5",
      `${host.username}@${host.address}`,
      ...command,
    ],
    { stdio: "inherit" },
  );
  if (r.error) throw new LabError(`cannot run ssh (Debian package openssh-client): ${r.error.message}`);
  return r.status ?? 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof LabError) console.error(`lab: ${err.message}`);
    else console.error(err);
    process.exit(1);
  },
);
