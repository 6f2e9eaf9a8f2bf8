import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// No Docker engine runs on these machines, but the client can still validate
// the compose file. Prefer the `docker compose` plugin, else Debian's
// `docker-compose`; with neither, say so and skip.
function composeCommand(): string[] | null {
  if (spawnSync("docker", ["compose", "version"], { encoding: "utf8" }).status === 0) return ["docker", "compose"];
  if (spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0) return ["docker-compose"];
  return null;
}

const compose = composeCommand();
if (!compose) console.log("[skip] docker-compose.yml not validated: neither `docker compose` nor `docker-compose` is installed here");

describe.skipIf(!compose)("docker-compose.yml", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(compose![0]!, [...compose!.slice(1), "-f", "docker-compose.yml", "config"], { encoding: "utf8", env: { ...process.env, ...env } });

  it("is valid and wires the app to Postgres 16 with healthchecks and a named volume", () => {
    const result = run({ PALISADE_SECRET: "x".repeat(32) });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/image: postgres:16/);
    expect(result.stdout).toMatch(/palisade-db/);
    expect(result.stdout.match(/healthcheck:/g)?.length).toBe(2);
    expect(result.stdout).toMatch(/DATABASE_URL: postgresql:\/\/palisade:.*@db:5432\/palisade/);
  });

  it("refuses to start without PALISADE_SECRET", () => {
    const result = run({ PALISADE_SECRET: "" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/PALISADE_SECRET/);
  });
});
