import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TSeeded } from "./seed";

// What global-setup hands the specs: where the throwaway Palisade runs and the
// seeded accounts (known passwords) and records. Gitignored, removed at teardown.
export const E2E_STATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".state");
export const E2E_STATE_FILE = path.join(E2E_STATE_DIR, "state.json");

export type TE2eState = TSeeded & { baseURL: string; databaseUrl: string; fleet: { id: string; name: string } };

let cached: TE2eState | undefined;

export function e2eState(): TE2eState {
  if (!cached) {
    try {
      cached = JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as TE2eState;
    } catch (error) {
      throw new Error(`No e2e state at ${E2E_STATE_FILE}: run the specs through \`npm run test:e2e\` (its global setup writes it).`, { cause: error });
    }
  }
  return cached;
}
