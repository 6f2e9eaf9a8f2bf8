// Writes one scenario into a host's root (the mounted overlay, so changes land in its upper
// layer). Plain file writes only: no chroot, no package tools, nothing runs in the guest.
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from "node:fs";
import path from "node:path";
import type { TCustomUnit, TScenario, TTimer } from "../scenarios/types";

export type TRenderInput = {
  root: string;
  hostname: string;
  scenario: TScenario;
  hostKey: { privateKey: string; publicKey: string };
  clientPublicKey: string;
};

type TIds = { uid: number; gid: number; home: string };

function inRoot(root: string, p: string): string {
  const abs = path.resolve(root, `.${path.posix.normalize(`/${p}`)}`);
  if (!abs.startsWith(`${path.resolve(root)}/`)) throw new Error(`path escapes the host root: ${p}`);
  return abs;
}

function readIds(root: string, user: string): TIds {
  for (const line of readFileSync(inRoot(root, "/etc/passwd"), "utf8").split("\n")) {
    const f = line.split(":");
    if (f[0] === user) return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? "/" };
  }
  throw new Error(`no user ${user} in the image`);
}

function groupId(root: string, group: string): number {
  for (const line of readFileSync(inRoot(root, "/etc/group"), "utf8").split("\n")) {
    const f = line.split(":");
    if (f[0] === group) return Number(f[2]);
  }
  throw new Error(`no group ${group} in the image`);
}

function addUser(root: string, name: string, shell: string) {
  const passwd = readFileSync(inRoot(root, "/etc/passwd"), "utf8");
  if (passwd.split("\n").some((l) => l.startsWith(`${name}:`))) return;
  const used = new Set(passwd.split("\n").map((l) => Number(l.split(":")[2])));
  const groups = readFileSync(inRoot(root, "/etc/group"), "utf8");
  for (const l of groups.split("\n")) used.add(Number(l.split(":")[2]));
  let id = 1000;
  while (used.has(id)) id++;
  const home = `/home/${name}`;
  appendFileSync(inRoot(root, "/etc/passwd"), `${name}:x:${id}:${id}::${home}:${shell}\n`);
  // "*": no password login, but not a locked account, so key logins work with or without PAM.
  appendFileSync(inRoot(root, "/etc/shadow"), `${name}:*:19500:0:99999:7:::\n`);
  appendFileSync(inRoot(root, "/etc/group"), `${name}:x:${id}:\n`);
  appendFileSync(inRoot(root, "/etc/gshadow"), `${name}:!::\n`);
  mkdirSync(inRoot(root, home), { recursive: true, mode: 0o755 });
  chownSync(inRoot(root, home), id, id);
}

function write(root: string, p: string, content: string, mode = 0o644, owner?: TIds) {
  const abs = inRoot(root, p);
  const created = mkdirSync(path.dirname(abs), { recursive: true });
  // Directories made for an owned file belong to its owner too (never a pre-existing /tmp).
  if (owner && created) {
    for (let d = path.dirname(abs); d.length >= created.length; d = path.dirname(d)) chownSync(d, owner.uid, owner.gid);
  }
  rmSync(abs, { force: true });
  writeFileSync(abs, content, { mode });
  if (owner) chownSync(abs, owner.uid, owner.gid);
}

function wantedBy(root: string, unitFile: string): string {
  const text = readFileSync(unitFile, "utf8");
  return /^WantedBy=(\S+)/m.exec(text)?.[1] ?? "multi-user.target";
}

function enable(root: string, unit: string) {
  const local = inRoot(root, `/etc/systemd/system/${unit}`);
  const vendor = inRoot(root, `/lib/systemd/system/${unit}`);
  const file = existsSync(local) ? local : vendor;
  if (!existsSync(file)) throw new Error(`unit ${unit} is not in the image`);
  const target = wantedBy(root, file);
  const link = inRoot(root, `/etc/systemd/system/${target}.wants/${unit}`);
  mkdirSync(path.dirname(link), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(file === local ? `/etc/systemd/system/${unit}` : `/lib/systemd/system/${unit}`, link);
}

function unitText(u: TCustomUnit): string {
  return [
    "[Unit]",
    `Description=${u.description}`,
    "After=network.target",
    "",
    "[Service]",
    ...(u.user ? [`User=${u.user}`] : []),
    ...(u.workingDirectory ? [`WorkingDirectory=${u.workingDirectory}`] : []),
    `ExecStart=${u.execStart}`,
    "Restart=on-failure",
    "",
    "[Install]",
    `WantedBy=${u.wantedBy ?? "multi-user.target"}`,
    "",
  ].join("\n");
}

function timerFiles(t: TTimer): Record<string, string> {
  return {
    [`${t.name}.service`]: [
      "[Unit]",
      `Description=${t.description}`,
      "",
      "[Service]",
      "Type=oneshot",
      ...(t.user ? [`User=${t.user}`] : []),
      `ExecStart=${t.execStart}`,
      "",
    ].join("\n"),
    [`${t.name}.timer`]: [
      "[Unit]",
      `Description=${t.description} (timer)`,
      "",
      "[Timer]",
      `OnCalendar=${t.onCalendar}`,
      "Persistent=false",
      "",
      "[Install]",
      "WantedBy=timers.target",
      "",
    ].join("\n"),
  };
}

export function renderHost(input: TRenderInput) {
  const { root, hostname, scenario: s } = input;
  write(root, "/etc/hostname", `${hostname}\n`);
  const hosts = readFileSync(inRoot(root, "/etc/hosts"), "utf8");
  write(root, "/etc/hosts", `${hosts.trimEnd()}\n127.0.1.1\t${hostname}\n`);

  write(root, "/etc/ssh/ssh_host_ed25519_key", input.hostKey.privateKey, 0o600);
  write(root, "/etc/ssh/ssh_host_ed25519_key.pub", `${input.hostKey.publicKey}\n`);

  for (const u of s.users ?? []) addUser(root, u.name, u.shell ?? "/usr/sbin/nologin");

  const audit = readIds(root, s.auditUser.name);
  const sshDir = path.posix.join(audit.home, ".ssh");
  mkdirSync(inRoot(root, sshDir), { recursive: true, mode: 0o700 });
  chownSync(inRoot(root, sshDir), audit.uid, audit.gid);
  write(root, path.posix.join(sshDir, "authorized_keys"), `${input.clientPublicKey}\n`, 0o600, audit);

  for (const p of s.remove ?? []) rmSync(inRoot(root, p), { force: true });

  for (const f of s.files ?? []) {
    if ("edits" in f) {
      let text = readFileSync(inRoot(root, f.path), "utf8");
      for (const [from, to] of f.edits) {
        // A recipe that no longer matches the image must fail loudly, not boot a wrong host.
        if (!text.includes(from)) throw new Error(`${s.id}: ${f.path} has no "${from}" to replace`);
        text = text.replace(from, to);
      }
      write(root, f.path, text);
    } else {
      write(root, f.path, f.content, f.mode ?? 0o644, f.owner ? readIds(root, f.owner) : undefined);
    }
  }

  for (const u of s.units ?? []) {
    write(root, `/etc/systemd/system/${u.name}`, unitText(u));
    enable(root, u.name);
  }
  for (const t of s.timers ?? []) {
    for (const [name, text] of Object.entries(timerFiles(t))) write(root, `/etc/systemd/system/${name}`, text);
    enable(root, `${t.name}.timer`);
  }
  if (s.nftables !== undefined) write(root, "/etc/nftables.conf", s.nftables, 0o755);
  for (const unit of s.services ?? []) enable(root, unit);

  const crontabGid = groupId(root, "crontab");
  for (const c of s.crontabs ?? []) {
    const ids = readIds(root, c.user);
    write(root, `/var/spool/cron/crontabs/${c.user}`, `${c.lines.join("\n")}\n`, 0o600, { ...ids, gid: crontabGid });
  }
}
