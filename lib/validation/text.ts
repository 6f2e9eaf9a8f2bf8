import { z } from "zod";

// Names and notes are shown back to people; they are rendered as text, but we
// still refuse markup and control characters so nothing surprising is stored.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /[<>]/;

export function plainText(label: string, max: number, opts: { multiline?: boolean; min?: number } = {}) {
  const min = opts.min ?? 1;
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .min(min, min === 1 ? `${label} is required` : `${label} must be at least ${min} characters`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((s) => !MARKUP.test(s), `${label} must be plain text: < and > are not allowed`)
    .refine((s) => !CONTROL.test(s) && (opts.multiline || !/[\r\n\t]/.test(s)), `${label} contains control characters`);
}

export const optionalPlainText = (label: string, max: number, opts: { multiline?: boolean } = {}) =>
  z.union([z.literal("").transform(() => ""), plainText(label, max, opts)]).default("");

export const ZId = z.string({ error: "Id must be text" }).trim().min(1, "Id is required").max(64, "Id is too long").regex(/^[a-z0-9]+$/i, "Id is malformed");
