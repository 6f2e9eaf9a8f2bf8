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
