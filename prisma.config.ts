import { defineConfig } from "prisma/config";

// `env("DATABASE_URL")` throws when the variable is unset, which breaks
// `prisma generate` (it needs no database). Read it leniently instead.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
