// The lab image recipe. Everything that shapes the image is here, and the image's cache key is a
// hash of this data: change a package or a step and the next `lab up` rebuilds.
import { createHash } from "node:crypto";

export const SUITE = "bookworm";
export const MIRROR = process.env.PALISADE_LAB_MIRROR ?? "http://deb.debian.org/debian";

// minbase keeps the image small; everything a scenario needs is named here.
export const BASE_PACKAGES = [
  "systemd",
  "systemd-sysv",
  "dbus",
  "openssh-server",
  "cron",
  "iproute2",
  "procps",
  "python3",
  "sudo",
  "nftables",
  "netbase",
  "ssl-cert",
  "openssl",
  "nginx",
  "redis-server",
  "memcached",
  "postgresql",
  "nodejs",
] as const;

export function baseRecipeHash(): string {
  return createHash("sha256")
    .update(JSON.stringify({ v: 1, SUITE, MIRROR, variant: "minbase", BASE_PACKAGES }))
    .digest("hex")
    .slice(0, 16);
}

export function debootstrapArgs(target: string): string[] {
  return ["--variant=minbase", `--include=${BASE_PACKAGES.join(",")}`, SUITE, target, MIRROR];
}

// Second stage: turn the debootstrap tree into the lab image. Kept as data so it is hashed too.
export const IMAGE_STEPS = {
  // Services start per scenario; the image only starts what every host has.
  disableUnits: ["nginx.service", "redis-server.service", "memcached.service", "postgresql.service"],
  // The console getty would wait on nspawn's pipe for nothing.
  maskUnits: ["console-getty.service", "getty@tty1.service"],
  // Every host gets its own host key; the lab's hosts must not share debootstrap's.
  removeGlobs: ["/etc/ssh/ssh_host_*", "/var/cache/apt/archives/*.deb", "/var/lib/apt/lists/*_Packages"],
  files: {
    "/etc/ssh/sshd_config.d/palisade-lab.conf": [
      "# Palisade lab: key-only logins, one ed25519 host key written per host at `lab up`.",
      "HostKey /etc/ssh/ssh_host_ed25519_key",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UseDNS no",
      "",
    ].join("\n"),
    // No name server: the lab has no route out, and nothing should try.
    "/etc/resolv.conf": "",
    "/etc/machine-id": "",
  } as Record<string, string>,
} as const;

export function imageRecipeHash(): string {
  return createHash("sha256")
    .update(JSON.stringify({ v: 1, base: baseRecipeHash(), IMAGE_STEPS }))
    .digest("hex")
    .slice(0, 16);
}
