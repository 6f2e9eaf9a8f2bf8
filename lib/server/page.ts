import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";

// Pages call domain functions through this: a NOT_FOUND (missing or foreign
// id alike) renders the 404 page; anything else propagates.
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
