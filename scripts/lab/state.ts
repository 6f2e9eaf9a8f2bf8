// What the running lab is made of, written as it is built so that `down` (or the teardown of a
// failed `up`) can find every namespace, mount and process, even after a crash half-way.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TExpectedFinding, TScenario } from "./scenarios/types";

export type THostState = {
  name: string;
  index: number;
  scenario: string;
  reach: TScenario["reach"];
  address: string;
  port: number;
  username: string;
  // The fingerprint recorded for pinning. For host-key-changed it is NOT what the host presents.
  hostKeyFingerprint: string;
  presentedFingerprint?: string;
  netns?: string;
  dir?: string;
  merged?: string;
  mounted?: boolean;
  pid?: number;
};

export type TLabState = {
  version: 1;
  startedAt: string;
  image?: string;
  bridge: boolean;
  forwardGuard: boolean;
  clientKeyPath: string;
  hosts: THostState[];
};

export function readState(file: string): TLabState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as TLabState;
}

export function writeState(file: string, state: TLabState) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}

// The manifest other tools read (the app's "add lab hosts", capture, the integration test).
export type TManifestHost = {
  label: string;
  address: string;
  port: number;
  username: string;
  hostKeyFingerprint: string;
  scenario: string;
  simulated: boolean;
  expected: { outcome: string; findings: TExpectedFinding[] };
};

export type TManifest = { kind: "lab" | "sim"; createdAt: string; clientKeyPath: string; hosts: TManifestHost[] };
