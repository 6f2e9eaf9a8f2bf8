import type { Metadata } from "next";
import { listUsers } from "@/lib/domain/users/list-users";
import { requireActor } from "@/lib/server/auth/actor";
import { orNotFound } from "@/lib/server/page";
import { InlineAction } from "@/components/inline-action";
import { CreateUserForm, RoleForm } from "@/components/user-forms";
import { Badge } from "@/components/ui/badge";
import { PageHeader, Section, tableClass, tdClass, thClass } from "@/components/ui/page-header";
import { createUserAction, updateUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor();
  const users = await orNotFound(listUsers({ actor }));
  return (
    <div className="space-y-6">
      <PageHeader title="Users" subtitle="Role and status changes take effect on the user's next request." />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              <th className={thClass}>User</th>
              <th className={thClass}>Role</th>
              <th className={thClass}>Engagements</th>
              <th className={thClass}>Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className={tdClass}>
                  <div className="font-medium">{u.name}</div>
                  <div className="text-slate-600">{u.email}</div>
                </td>
                <td className={tdClass}>{u.id === actor.id ? <Badge>{u.role.toLowerCase()}</Badge> : <RoleForm action={updateUserAction.bind(null, u.id)} role={u.role} />}</td>
                <td className={`${tdClass} tabular-nums`}>{u._count.memberships}</td>
                <td className={tdClass}>
                  <div className="flex items-center gap-2">
                    {u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="emerald">active</Badge>}
                    {u.id !== actor.id && <InlineAction action={updateUserAction.bind(null, u.id)} fields={{ disabled: u.disabled ? "false" : "true" }} label={u.disabled ? "Enable" : "Disable"} />}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Section title="New user" id="new-user">
        <CreateUserForm action={createUserAction} />
      </Section>
    </div>
  );
}
