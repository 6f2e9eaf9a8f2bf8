"use server";

import { z } from "zod";
import { deleteCredential } from "@/lib/domain/credentials/delete-credential";
import { storeCredential } from "@/lib/domain/credentials/store-credential";
import { archiveEngagement } from "@/lib/domain/engagements/archive-engagement";
import { createEngagement } from "@/lib/domain/engagements/create-engagement";
import { updateEngagement } from "@/lib/domain/engagements/update-engagement";
import { addHost } from "@/lib/domain/hosts/add-host";
import { archiveHost } from "@/lib/domain/hosts/archive-host";
import { importHosts } from "@/lib/domain/hosts/import-hosts";
import { updateHost } from "@/lib/domain/hosts/update-host";
import { addMember } from "@/lib/domain/members/add-member";
import { removeMember } from "@/lib/domain/members/remove-member";
import { formAction, formActionFor } from "@/lib/server/action";
import { ZCredentialInput, ZEngagementInput, ZExposure, ZHostInput, ZArchive } from "@/lib/validation/schemas";
import { ZId } from "@/lib/validation/text";

const ZNothing = z.object({});

export const createEngagementAction = formAction(ZEngagementInput, async ({ actor, data }) => {
  const engagement = await createEngagement({ actor, input: data });
  return `/engagements/${engagement.id}`;
});

export const updateEngagementAction = formActionFor(ZEngagementInput, async ({ actor, data, id }) => {
  await updateEngagement({ actor, engagementId: id, input: data });
  return `/engagements/${id}`;
});

export const archiveEngagementAction = formActionFor(ZArchive, async ({ actor, data, id }) => {
  await archiveEngagement({ actor, engagementId: id, archived: data.archived });
  return data.archived ? "/engagements" : `/engagements/${id}`;
});

export const addHostAction = formActionFor(ZHostInput, async ({ actor, data, id }) => {
  const host = await addHost({ actor, engagementId: id, input: data });
  return { ok: true, message: `Added ${host.label}.` };
});

const ZImport = z.object({
  text: z.string({ error: "Paste at least one host" }).max(1_000_000, "The pasted list must be at most 1,000,000 characters"),
  exposure: ZExposure.default("INTERNAL"),
  credentialId: z.union([z.literal(""), ZId]).optional().transform((v) => v || null),
});

export const importHostsAction = formActionFor(ZImport, async ({ actor, data, id }) => {
  const result = await importHosts({ actor, engagementId: id, ...data });
  if (!result.ok) {
    const n = result.errors.length;
    return { ok: false, message: `${n} line${n === 1 ? " needs" : "s need"} fixing. Nothing was saved.`, lineErrors: result.errors, values: { text: data.text, exposure: data.exposure } };
  }
  return { ok: true, message: `Added ${result.created} host${result.created === 1 ? "" : "s"}.` };
});

export const updateHostAction = formActionFor(ZHostInput, async ({ actor, data, id }) => {
  const host = await updateHost({ actor, hostId: id, input: data });
  return `/engagements/${host.engagementId}`;
});

export const archiveHostAction = formActionFor(ZArchive, async ({ actor, data, id }) => {
  const host = await archiveHost({ actor, hostId: id, archived: data.archived });
  return `/engagements/${host.engagementId}`;
});

export const storeCredentialAction = formActionFor(ZCredentialInput, async ({ actor, data, id }) => {
  const credential = await storeCredential({ actor, engagementId: id, input: data });
  return { ok: true, message: credential.fingerprint ? `Stored "${credential.label}" (${credential.fingerprint}).` : `Stored "${credential.label}".` };
});

export const deleteCredentialAction = formActionFor(ZNothing, async ({ actor, id }) => {
  await deleteCredential({ actor, credentialId: id });
  return { ok: true, message: "Credential deleted." };
});

const ZMember = z.object({ email: z.string({ error: "Email must be text" }).trim().max(254, "Email must be at most 254 characters").pipe(z.email("Email is not valid")) });

export const addMemberAction = formActionFor(ZMember, async ({ actor, data, id }) => {
  await addMember({ actor, engagementId: id, email: data.email });
  return { ok: true, message: `Added ${data.email}.` };
});

const ZRemoveMember = z.object({ userId: ZId });

export const removeMemberAction = formActionFor(ZRemoveMember, async ({ actor, data, id }) => {
  await removeMember({ actor, engagementId: id, userId: data.userId });
  return { ok: true, message: "Member removed." };
});
