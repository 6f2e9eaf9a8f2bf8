import { z } from "zod";
import { isIP } from "node:net";
import { optionalPlainText, plainText, ZId } from "./text";

export const ZRole = z.enum(["ADMIN", "CONSULTANT", "REVIEWER", "CLIENT"], { error: "Role must be one of ADMIN, CONSULTANT, REVIEWER, CLIENT" });
export const ZEngagementStatus = z.enum(["PLANNED", "ACTIVE", "REPORTING", "CLOSED"], { error: "Status must be one of PLANNED, ACTIVE, REPORTING, CLOSED" });
export const ZExposure = z.enum(["INTERNET", "INTERNAL"], { error: "Exposure must be INTERNET or INTERNAL" });
export type TExposure = z.infer<typeof ZExposure>;

export const ZClientInput = z.object({
  name: plainText("Name", 120),
  contact: optionalPlainText("Contact", 500, { multiline: true }),
});
export type TClientInput = z.infer<typeof ZClientInput>;

const ZDateOrEmpty = z
  .union([z.literal(""), z.null(), z.iso.date({ error: "Date must be YYYY-MM-DD" })])
  .optional()
  .transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null));

export const ZEngagementInput = z
  .object({
    clientId: ZId,
    name: plainText("Name", 120),
    scope: optionalPlainText("Scope", 5000, { multiline: true }),
    status: ZEngagementStatus.default("PLANNED"),
    startsOn: ZDateOrEmpty,
    endsOn: ZDateOrEmpty,
  })
  .refine((e) => !e.startsOn || !e.endsOn || e.startsOn <= e.endsOn, { path: ["endsOn"], message: "End date must not be before the start date" });
export type TEngagementInput = z.infer<typeof ZEngagementInput>;

// RFC 1123 host name: labels of letters, digits and hyphens, not starting or ending with a hyphen.
const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?$/i;
// POSIX portable user names, as useradd accepts them.
const USERNAME = /^[a-z_][a-z0-9_.-]{0,31}$/i;

export const ZAddress = z
  .string({ error: "Address must be text" })
  .trim()
  .min(1, "Address is required")
  .max(253, "Address must be at most 253 characters")
  // An empty value already has its message ("required"); say one thing at a time.
  .refine((a) => a === "" || isIP(a) !== 0 || (HOSTNAME.test(a) && !/^[\d.]+$/.test(a)), "Address must be a host name, an IPv4 or an IPv6 address");

export const ZPort = z.coerce.number({ error: "Port must be a number" }).int("Port must be a whole number").min(1, "Port must be 1-65535").max(65535, "Port must be 1-65535");
export const ZUsername = z.string({ error: "User must be text" }).trim().min(1, "User is required").regex(USERNAME, "User must be a valid Unix user name");

const ZTags = z
  .union([z.array(z.string()), z.string()])
  .default([])
  .transform((t) => (Array.isArray(t) ? t : t.split(",")).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(plainText("Tag", 40)).max(20, "At most 20 tags"));

export const ZHostInput = z.object({
  label: optionalPlainText("Label", 120),
  address: ZAddress,
  port: ZPort.default(22),
  username: ZUsername.default("root"),
  exposure: ZExposure.default("INTERNAL"),
  tags: ZTags,
  credentialId: z.union([z.literal(""), ZId]).optional().transform((v) => v || null),
});
export type THostInput = z.infer<typeof ZHostInput>;

export const ZCredentialInput = z
  .object({
    label: plainText("Label", 120),
    kind: z.enum(["PRIVATE_KEY", "PASSWORD"], { error: "Kind must be PRIVATE_KEY or PASSWORD" }),
    username: ZUsername,
    privateKey: z.string().max(16_384, "Private key must be at most 16 KB").optional().default(""),
    passphrase: z.string().max(1024, "Passphrase must be at most 1024 characters").optional().default(""),
    password: z.string().max(1024, "Password must be at most 1024 characters").optional().default(""),
  })
  .superRefine((c, ctx) => {
    if (c.kind === "PRIVATE_KEY" && !c.privateKey.trim()) ctx.addIssue({ code: "custom", path: ["privateKey"], message: "Private key is required" });
    if (c.kind === "PASSWORD" && !c.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Password is required" });
  });
export type TCredentialInput = z.infer<typeof ZCredentialInput>;

export const ZNewPassword = z.string({ error: "Password must be text" }).min(12, "Password must be at least 12 characters").max(1024, "Password must be at most 1024 characters");

export const ZUserInput = z.object({
  email: z.string({ error: "Email must be text" }).trim().toLowerCase().max(254, "Email must be at most 254 characters").pipe(z.email("Email is not valid")),
  name: plainText("Name", 120),
  role: ZRole,
  password: ZNewPassword,
});
export type TUserInput = z.infer<typeof ZUserInput>;

export const ZUserUpdate = z.object({
  role: ZRole.optional(),
  disabled: z.boolean().optional(),
});
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

// The archive/restore buttons' one field.
export const ZArchive = z.object({ archived: z.enum(["true", "false"], { error: "archived must be true or false" }).transform((v) => v === "true") });
