// `npm run db:migration -- <name>`: write the migration that takes the
// committed migrations to what prisma/schema.prisma now says, like
// `prisma migrate dev --create-only`. Nothing is applied; review the SQL,
// then `npm run db:migrate`.
import { createMigration } from "../../lib/server/migrations/create-migration";
import { openTargetDatabase, runScript } from "./target-database";

runScript(async () => {
  const name = process.argv.slice(2).join(" ").trim();
  if (!name) throw new Error("Usage: npm run db:migration -- <name>   (e.g. add_findings)");
  // The database is only used to host a throwaway shadow database.
  const target = await openTargetDatabase();
  try {
    const result = await createMigration({ url: target.url, name });
    if (!result.created) {
      console.log("No changes: prisma/schema.prisma matches the committed migrations. No migration written.");
      return;
    }
    console.log(`Wrote ${result.file}\nReview it, then apply it with: npm run db:migrate`);
  } finally {
    await target.close();
  }
});
