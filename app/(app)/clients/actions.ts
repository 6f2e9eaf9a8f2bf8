"use server";

import { z } from "zod";
import { archiveClient } from "@/lib/domain/clients/archive-client";
import { createClient } from "@/lib/domain/clients/create-client";
import { updateClient } from "@/lib/domain/clients/update-client";
import { formAction, formActionFor } from "@/lib/server/action";
import { ZClientInput, ZArchive } from "@/lib/validation/schemas";

export const createClientAction = formAction(ZClientInput, async ({ actor, data }) => {
  const client = await createClient({ actor, input: data });
  return { ok: true, message: `Created client ${client.name}.` };
});

export const updateClientAction = formActionFor(ZClientInput, async ({ actor, data, id }) => {
  await updateClient({ actor, clientId: id, input: data });
  return "/clients";
});


export const archiveClientAction = formActionFor(ZArchive, async ({ actor, data, id }) => {
  await archiveClient({ actor, clientId: id, archived: data.archived });
  return { ok: true, message: data.archived ? "Client archived." : "Client restored." };
});
