import { Prisma } from "@/lib/generated/prisma/client";
import { db, type TTx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

// Runs a domain change in one transaction and turns unique-constraint
// violations into a CONFLICT the user can act on.
export async function inTransaction<T>(work: (tx: TTx) => Promise<T>, conflictMessage = "That already exists"): Promise<T> {
  try {
    return await db().$transaction(work);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", conflictMessage);
    }
    throw error;
  }
}
