import { EditorForm } from "@/components/editor/editor-form";
import { ROLE_LABEL, ROLES } from "@/lib/auth/roles";
import { inviteUserAction, newSetPasswordLinkAction, setUserDisabledAction } from "@/lib/auth/actions";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";

export const metadata = { title: "Users" };

// Admins only: invite editors and admins (one-time set-password links), disable accounts.
export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Users</h1>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>State</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{ROLE_LABEL[u.role]}</td>
              <td>{u.disabled ? "Disabled" : u.accounts.length > 0 ? "Active" : "Invited (no password yet)"}</td>
              <td className="space-y-1">
                <EditorForm action={newSetPasswordLinkAction} idPrefix={`link-${u.id}`} submitLabel="New set-password link" hidden={{ userId: u.id }} fields={[]} />
                {u.id !== admin.id ? (
                  <EditorForm
                    action={setUserDisabledAction}
                    idPrefix={`disable-${u.id}`}
                    submitLabel={u.disabled ? "Enable" : "Disable"}
                    danger={!u.disabled}
                    hidden={{ userId: u.id, disabled: u.disabled ? "false" : "true" }}
                    fields={[]}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="max-w-md">
        <EditorForm
          action={inviteUserAction}
          idPrefix="invite"
          title="Invite an editor or admin"
          submitLabel="Create invitation"
          initial={{ role: "EDITOR" }}
          fields={[
            { kind: "email", name: "email", label: "Email", required: true },
            { kind: "text", name: "name", label: "Name", required: true },
            { kind: "select", name: "role", label: "Role", options: ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] })) },
          ]}
        />
      </section>
    </div>
  );
}
