import { EditorForm } from "@/components/editor/editor-form";
import { setPasswordAction } from "@/lib/auth/actions";
import { findSetPasswordUser, MIN_PASSWORD_LENGTH } from "@/lib/auth/users";

export const metadata = { title: "Set your password" };

type Props = { searchParams: Promise<{ token?: string }> };

// Public, but only useful with a valid one-time token from an invitation.
export default async function SetPasswordPage({ searchParams }: Props) {
  const token = (await searchParams).token ?? "";
  const user = await findSetPasswordUser(token);
  if (!user || user.disabled) {
    return (
      <div className="max-w-prose space-y-2">
        <h1 className="font-serif text-2xl font-bold">This link does not work</h1>
        <p>It is invalid, already used or expired. Ask an admin for a new one.</p>
      </div>
    );
  }
  return (
    <div className="max-w-sm space-y-4">
      <h1 className="font-serif text-2xl font-bold">Set your password</h1>
      <p>For {user.email}.</p>
      <EditorForm
        action={setPasswordAction}
        idPrefix="set-password"
        submitLabel="Set password"
        hidden={{ token }}
        fields={[
          { kind: "password", name: "password", label: "New password", required: true, autoComplete: "new-password", hint: `At least ${MIN_PASSWORD_LENGTH} characters.` },
          { kind: "password", name: "confirm", label: "Repeat it", required: true, autoComplete: "new-password" },
        ]}
      />
    </div>
  );
}
