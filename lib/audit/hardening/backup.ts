// Where a step keeps the files it changes, so its rollback restores them byte
// for byte. One directory per step outside every config directory: a backup
// beside the file (nginx's sites-enabled/*, cron's spool, a .d/ directory)
// would itself be read as configuration.
import { shq } from "./shell";
import type { TStepFile } from "./types";

export const backupDir = (tag: string) => `/var/backups/palisade-${tag}`;

export function readCommand(path: string): string {
  return `cat -- ${shq(path)}`;
}

export function fileToRead(path: string, state: "not-read" | "absent" = "not-read"): TStepFile {
  return { path, readCommand: readCommand(path), state, before: null };
}

// Copies `path` under the step's backup directory, keeping mode and owner.
// Not `cp -a --parents`: coreutils 9.1 (Debian 12) copies the file and then
// fails with "'etc': No such file or directory" on the parents' attributes
// (fixed in coreutils 9.2), which would stop the step at its backup.
export function backupCommands(tag: string, paths: string[]): string[] {
  return [
    `mkdir -p -m 700 ${backupDir(tag)}`,
    ...paths.flatMap((p) => [`mkdir -p ${shq(backupDir(tag) + p.slice(0, p.lastIndexOf("/")))}`, `cp -a ${shq(p)} ${shq(backupDir(tag) + p)}`]),
  ];
}

export function restoreCommand(tag: string, path: string): string {
  return `cp -a ${shq(backupDir(tag) + path)} ${shq(path)}`;
}

// Last in a rollback: once the originals are back and the service restarted,
// the host holds nothing of the step.
export const dropBackupCommand = (tag: string) => `rm -rf ${backupDir(tag)}`;
