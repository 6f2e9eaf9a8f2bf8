// Builds the lab image once and caches it: debootstrap (stage 1, slow, ~1 min) then the lab's
// own configuration (stage 2, seconds). Each stage lives in a directory named by its recipe
// hash, so editing the recipe makes the next `lab up` rebuild and an unchanged one never does.
import { existsSync, mkdirSync, readdirSync, rmSync, renameSync, symlinkSync, writeFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { mustRun } from "../run";
import { baseRecipeHash, debootstrapArgs, IMAGE_STEPS, imageRecipeHash } from "./recipe";

const COMPLETE = ".complete";

export type TImage = { rootfs: string; hash: string; built: boolean; seconds: number };

function log(msg: string) {
  process.stderr.write(`[lab image] ${msg}\n`);
}

async function buildBase(cache: string): Promise<string> {
  const dir = path.join(cache, `base-${baseRecipeHash()}`);
  if (existsSync(path.join(dir, COMPLETE))) return dir;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`debootstrap into ${partial} (takes a minute or more)`);
  // A private PID and mount namespace: if a package's maintainer script starts a daemon in the
  // chroot, it dies with debootstrap instead of outliving the build.
  await mustRun("unshare", [
    "--pid",
    "--fork",
    "--kill-child",
    "--mount",
    "--propagation",
    "private",
    "debootstrap",
    ...debootstrapArgs(path.join(partial, "rootfs")),
  ]);
  writeFileSync(path.join(partial, COMPLETE), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

function rmGlob(root: string, pattern: string) {
  const dir = path.dirname(pattern);
  const re = new RegExp(`^${path.basename(pattern).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return;
  for (const name of readdirSync(abs)) if (re.test(name)) rmSync(path.join(abs, name), { force: true });
}

async function configure(rootfs: string) {
  const wants = path.join(rootfs, "etc/systemd/system/multi-user.target.wants");
  for (const unit of IMAGE_STEPS.disableUnits) rmSync(path.join(wants, unit), { force: true });
  for (const unit of IMAGE_STEPS.maskUnits) {
    const link = path.join(rootfs, "etc/systemd/system", unit);
    rmSync(link, { force: true });
    symlinkSync("/dev/null", link);
  }
  for (const g of IMAGE_STEPS.removeGlobs) rmGlob(rootfs, g);
  for (const [file, content] of Object.entries(IMAGE_STEPS.files)) {
    const abs = path.join(rootfs, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    try {
      unlinkSync(abs); // resolv.conf may be a symlink to the build host's
    } catch {}
    writeFileSync(abs, content, { mode: 0o644 });
  }
}

export async function ensureImage(cache: string): Promise<TImage> {
  const hash = imageRecipeHash();
  const dir = path.join(cache, `image-${hash}`);
  const rootfs = path.join(dir, "rootfs");
  if (existsSync(path.join(dir, COMPLETE))) return { rootfs, hash, built: false, seconds: 0 };
  const t0 = performance.now();
  mkdirSync(cache, { recursive: true });
  const base = await buildBase(cache);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`configuring image ${hash}`);
  await mustRun("cp", ["-a", "--reflink=auto", path.join(base, "rootfs"), path.join(partial, "rootfs")]);
  await configure(path.join(partial, "rootfs"));
  writeFileSync(path.join(partial, COMPLETE), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  const seconds = (performance.now() - t0) / 1000;
  log(`image ready in ${seconds.toFixed(1)} s: ${rootfs}`);
  return { rootfs, hash, built: true, seconds };
}

// Old stages are removed only when no lab is running on them.
export function pruneImages(cache: string, keep: string[]) {
  if (!existsSync(cache)) return;
  for (const name of readdirSync(cache)) {
    if (!/^(base|image)-[0-9a-f]{16}(\.partial)?$/.test(name)) continue;
    if (keep.includes(name)) continue;
    log(`removing stale ${name}`);
    rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}

export function currentStageNames(): string[] {
  return [`base-${baseRecipeHash()}`, `image-${imageRecipeHash()}`];
}
