// `npm run worker`: an audit worker against DATABASE_URL. Run as many as you
// need against one Postgres; they share runs without doing a host twice.
import { env } from "@/lib/server/env";
import { limitsFromEnv, startWorker } from "@/lib/worker/worker";

const log = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL must be set (the same Postgres as the web app)");
  if (!env.PALISADE_SECRET) throw new Error("PALISADE_SECRET must be set (the same value as the web app) to decrypt SSH credentials");
  const worker = await startWorker({ concurrency: env.PALISADE_WORKER_CONCURRENCY, limits: limitsFromEnv(env), probes: env.PALISADE_PROBES, log });
  const stop = async () => {
    log("stopping: letting hosts in flight finish…");
    await worker.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
