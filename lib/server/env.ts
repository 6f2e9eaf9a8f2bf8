import { z } from "zod";

// The one place configuration is read. Everything else imports `env`.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // Unset: Palisade starts its own embedded Postgres under PALISADE_DATA_DIR.
  DATABASE_URL: z.string().url().optional(),
  PALISADE_DATA_DIR: z.string().min(1).default(".data"),
  // Port of the embedded Postgres (127.0.0.1 only); change it to run two checkouts side by side.
  PALISADE_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // 32 bytes, base64 or hex. Generated into the data dir for the embedded default.
  PALISADE_SECRET: z.string().min(32).optional(),
  // Public URL of the app, as browsers reach it; defaults to http://localhost:PORT.
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Address the web server binds to; loopback unless you mean to expose it.
  HOST: z.string().min(1).default("127.0.0.1"),
  // Optional OIDC provider: enabled only when all three are set.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  // `npm start` runs an audit worker in its own process unless this is "false"
  // (then run `npm run worker` processes yourself).
  PALISADE_IN_PROCESS_WORKER: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  // Hosts one worker audits at once.
  PALISADE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  // A job a dead worker held is handed to another after this long.
  PALISADE_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).default(300),
  // Phase 3 probes connect to each exposed port through the SSH connection;
  // "false" where the rules of engagement allow reading only.
  PALISADE_PROBES: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  PALISADE_HOST_TIMEOUT_SECONDS: z.coerce.number().int().min(5).default(120),
  PALISADE_COMMAND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(15),
  PALISADE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(10),
  // The embedded default's simulated SSH hosts: how many, and the first port.
  PALISADE_DEMO_HOSTS: z.coerce.number().int().min(0).max(2000).default(13),
  PALISADE_DEMO_BASE_PORT: z.coerce.number().int().min(1024).max(65000).default(2200),
  // Webhook notifications: how long one POST may take, and how often a failed
  // delivery is retried (delay doubles each time, with jitter).
  PALISADE_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  PALISADE_WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  PALISADE_WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
  // Chromium that renders PDF reports; unset: /usr/bin/chromium, then Playwright's own download.
  PLAYWRIGHT_CHROMIUM_PATH: z.string().min(1).optional(),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
});

export type TEnv = z.infer<typeof ZEnv>;

function readEnv(): TEnv {
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = readEnv();

export const oidcEnabled = Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
