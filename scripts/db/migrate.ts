// `npm run db:migrate`: apply the committed migrations in prisma/migrations,
// like `prisma migrate deploy`, without the Prisma CLI's native engine.
import { applyMigrations } from "../../lib/server/migrations/apply-migrations";
import { openTargetDatabase, runScript } from "./target-database";

runScript(async () => {
  const target = await openTargetDatabase();
  try {
    const { applied, total } = await applyMigrations({ url: target.url });
    if (applied.length === 0) {
      console.log(`No pending migrations: all ${total} migration(s) were already applied to ${target.label}.`);
      return;
    }
    console.log(`Applied ${applied.length} migration(s) to ${target.label}:`);
    for (const name of applied) console.log(`  ${name}`);
  } finally {
    await target.close();
  }
});
