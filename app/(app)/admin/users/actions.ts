"use server";

import { z } from "zod";
import { createUser } from "@/lib/domain/users/create-user";
import { updateUser } from "@/lib/domain/users/update-user";
import { formAction, formActionFor } from "@/lib/server/action";
import { ZRole, ZUserInput } from "@/lib/validation/schemas";

export const createUserAction = formAction(ZUserInput, async ({ actor, data }) => {
  const user = await createUser({ actor, input: data });
  return { ok: true, message: `Created ${user.email} (${user.role.toLowerCase()}). Give them their password through a separate channel.` };
});

const ZUserChange = z.object({
  role: ZRole.optional(),
  disabled: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")),
});

export const updateUserAction = formActionFor(ZUserChange, async ({ actor, data, id }) => {
  await updateUser({ actor, userId: id, input: data });
  return { ok: true, message: "Saved." };
});
