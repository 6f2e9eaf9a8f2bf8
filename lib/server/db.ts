import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Secret columns never leave a query unless a caller asks for them by name.
const omit = {
  credential: { secret: true },
  user: { passwordHash: true },
  webhook: { secret: true, url: true },
  // Stored PDF bytes are large; only the download and the hash check ask for them.
  reportVersion: { pdf: true },
} as const;

function createClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), omit });
}

export type TDb = ReturnType<typeof createClient>;
// What a transaction callback receives; also satisfied by the client itself for reads.
export type TTx = Omit<TDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { palisadeDb?: TDb };

// Read DATABASE_URL at first use, not import, so scripts and tests can set it first.
export function db(): TDb {
  if (!globalForDb.palisadeDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Palisade with `npm start`, which provides it.");
    globalForDb.palisadeDb = createClient(url);
  }
  return globalForDb.palisadeDb;
}
