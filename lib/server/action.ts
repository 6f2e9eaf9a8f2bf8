import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/server/auth/actor";
import type { TActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/server/errors";
import { ZId } from "@/lib/validation/text";

// What every form action returns to its form.
export type TFormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  // Per-line errors of a pasted list (bulk host import).
  lineErrors?: { line: number; text: string; message: string }[];
};

export const initialFormState: TFormState = { ok: false };

const MAX_ECHO = 10_000;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !/password|privateKey|passphrase|secret/i.test(key)) {
      values[key] = value.length > MAX_ECHO ? "" : value;
    }
  }
  return values;
}

// Form fields as an object; a name sent more than once (checkboxes) becomes an array.
export function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

// Turns any error into form state: expected ones reach the user, unexpected
// ones are logged and replaced by a generic message.
export function errorState(error: unknown, values: Record<string, string>): TFormState {
  if (error instanceof AppError) {
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
  }
  console.error("Unexpected error in form action", error);
  return { ok: false, message: "Something went wrong. Nothing was saved; please try again.", values };
}

// The shape of every form action: who is acting, validate, one domain call.
// A domain call that wants to navigate returns a path; redirecting happens
// after the try so Next's redirect signal is never swallowed.
export function formAction<S extends z.ZodType>(
  schema: S,
  run: (args: { actor: TActor; data: z.output<S> }) => Promise<TFormState | string | void>,
) {
  return async (_prev: TFormState, formData: FormData): Promise<TFormState> => {
    const values = formValues(formData);
    const actor = await getActor();
    if (!actor) redirect("/login");
    const parsed = schema.safeParse(formObject(formData));
    if (!parsed.success) {
      return { ok: false, message: "Please correct the highlighted fields. Nothing was saved.", fieldErrors: fieldErrorsOf(parsed.error), values };
    }
    let outcome: TFormState | string | void;
    try {
      outcome = await run({ actor, data: parsed.data });
    } catch (error) {
      return errorState(error, values);
    }
    if (typeof outcome === "string") redirect(outcome);
    // Pages are rendered per request; this makes the one on screen re-render with the change.
    revalidatePath("/", "layout");
    return outcome ?? { ok: true, message: "Saved." };
  };
}

// Same, for actions bound to a record id (`action.bind(null, id)`): the id
// is validated like any other input before the domain sees it.
export function formActionFor<S extends z.ZodType>(
  schema: S,
  run: (args: { actor: TActor; data: z.output<S>; id: string }) => Promise<TFormState | string | void>,
) {
  return async (id: string, prev: TFormState, formData: FormData): Promise<TFormState> => {
    if (!ZId.safeParse(id).success) return { ok: false, message: "Not found" };
    return formAction(schema, (args) => run({ ...args, id }))(prev, formData);
  };
}
