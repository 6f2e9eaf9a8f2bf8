// Where the lab keeps things and which addresses it may use. Read once, here.
import path from "node:path";

export const LAB_SUBNET = "10.250.0.0/24";
export const BRIDGE = "palisade0";
export const BRIDGE_ADDRESS = "10.250.0.1";
export const PREFIX_LEN = 24;
// Hosts take 10.250.0.10 .. 10.250.0.249: at most 240 of them.
export const FIRST_HOST_OCTET = 10;
export const MAX_HOSTS = 240;
export const NFT_TABLE = "palisade_lab";

export type TLabPaths = {
  cache: string;
  state: string;
  stateFile: string;
  keysDir: string;
  clientKey: string;
};

export function labPaths(env: NodeJS.ProcessEnv = process.env): TLabPaths {
  const cache = path.resolve(env.PALISADE_LAB_CACHE ?? "/var/cache/palisade-lab");
  const state = path.resolve(env.PALISADE_LAB_STATE ?? "/run/palisade-lab");
  // Keys live beside the image cache so that pinned host keys survive `down` and reboots.
  const keysDir = path.join(cache, "keys");
  return {
    cache,
    state,
    stateFile: path.join(state, "state.json"),
    keysDir,
    clientKey: path.join(keysDir, "client_ed25519"),
  };
}

export function hostAddress(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_HOSTS) {
    throw new Error(`host index ${index} out of range 0..${MAX_HOSTS - 1}`);
  }
  return `10.250.0.${FIRST_HOST_OCTET + index}`;
}

export function isLabAddress(address: string): boolean {
  const m = /^10\.250\.0\.(\d{1,3})$/.exec(address);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 254;
}
