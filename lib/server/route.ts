import { NextResponse } from "next/server";
import { z } from "zod";
import type { TActor } from "@/lib/domain/actor";
import { getActor } from "@/lib/server/auth/actor";
import { AppError, httpStatus } from "@/lib/server/errors";
import { fieldErrorsOf } from "@/lib/server/action";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

const problem = (status: number, message: string, fieldErrors?: Record<string, string[]>) =>
  NextResponse.json({ error: message, ...(fieldErrors ? { fieldErrors } : {}) }, { status });

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return { ok: false, response: problem(413, `Request body must be at most ${MAX_BODY_BYTES} bytes`) };
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { ok: false, response: problem(413, `Request body must be at most ${MAX_BODY_BYTES} bytes`) };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, response: problem(400, "Request body must be valid JSON") };
  }
}

type TRouteContext = { params: Promise<Record<string, string>> };

// Thin route handlers: who is acting, validate, one domain call, shape the
// output. Expected errors keep their message and status; anything else is
// logged and answered with a generic 500.
export function route<S extends z.ZodType | null>(
  schema: S,
  run: (args: { actor: TActor; body: S extends z.ZodType ? z.output<S> : undefined; params: Record<string, string> }) => Promise<unknown>,
  opts: { status?: number } = {},
) {
  return async (request: Request, context: TRouteContext) => {
    try {
      const actor = await getActor();
      if (!actor) return problem(401, "Sign in first");
      let body: unknown = undefined;
      if (schema) {
        const read = await readJson(request);
        if (!read.ok) return read.response;
        const parsed = schema.safeParse(read.body);
        if (!parsed.success) return problem(400, "Invalid request: nothing was saved", fieldErrorsOf(parsed.error));
        body = parsed.data;
      }
      const result = await run({ actor, body: body as never, params: await context.params });
      return NextResponse.json(result, { status: opts.status ?? 200 });
    } catch (error) {
      return failure(error);
    }
  };
}

function failure(error: unknown): NextResponse {
  if (error instanceof AppError) return problem(httpStatus[error.code], error.message, error.fieldErrors);
  console.error("Unexpected error in route handler", error);
  return problem(500, "Something went wrong. Nothing was saved.");
}

export type TFileResponse = { body: Uint8Array | string; contentType: string; filename: string; inline?: boolean };

// The same for a file (a report PDF, an export): sent with its name, never
// cached by shared caches, never sniffed into something the browser runs.
// Filenames are ASCII-safe already (lib/server/file-name.ts).
export function fileRoute(run: (args: { actor: TActor; params: Record<string, string> }) => Promise<TFileResponse>) {
  return async (_request: Request, context: TRouteContext) => {
    try {
      const actor = await getActor();
      if (!actor) return problem(401, "Sign in first");
      const file = await run({ actor, params: await context.params });
      const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
      return new Response(body, {
        headers: {
          "Content-Type": file.contentType,
          "Content-Disposition": `${file.inline ? "inline" : "attachment"}; filename="${file.filename}"`,
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    } catch (error) {
      return failure(error);
    }
  };
}
