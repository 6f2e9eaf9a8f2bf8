// Expected errors: their message is safe to show the user. Anything else is
// logged and replaced by a generic message at the edge (lib/server/action.ts).
export type TErrorCode = "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "VALIDATION" | "CONFLICT" | "TOO_MANY_REQUESTS" | "INTEGRITY";

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly fieldErrors: Record<string, string[]> | undefined;

  constructor(code: TErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

// A foreign id and a missing id must be indistinguishable.
export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
export const forbidden = (what = "You do not have permission to do that") => new AppError("FORBIDDEN", what);

export const httpStatus: Record<TErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  VALIDATION: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  // Stored data failed its own check (a report whose bytes no longer match their sha256): refused, never served.
  INTEGRITY: 500,
};
