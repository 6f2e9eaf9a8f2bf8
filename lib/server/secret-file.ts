import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

// For the embedded default only: PALISADE_SECRET is generated once into the
// data dir (mode 0600) and reused. With an external database the operator
// must set it, so every web and worker process shares the same one.
export async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "palisade-secret");
  try {
    const secret = (await fs.readFile(file, "utf8")).trim();
    if (secret.length >= 32) return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32).toString("base64url");
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
