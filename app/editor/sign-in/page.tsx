import { redirect } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import { signInAction } from "@/lib/auth/actions";
import { getSessionUser } from "@/lib/auth/session";

export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ password?: string }> };

// Public: the only way in. There is no sign-up; an admin invites editors.
export default async function SignInPage({ searchParams }: Props) {
  if (await getSessionUser()) redirect("/editor");
  const { password } = await searchParams;
  return (
    <div className="max-w-sm space-y-4">
      <h1 className="font-serif text-2xl font-bold">Sign in</h1>
      {password === "set" ? <p role="status">Your password is set. Sign in with it.</p> : null}
      <EditorForm
        action={signInAction}
        idPrefix="sign-in"
        submitLabel="Sign in"
        fields={[
          { kind: "email", name: "email", label: "Email", required: true, autoComplete: "username" },
          { kind: "password", name: "password", label: "Password", required: true, autoComplete: "current-password" },
        ]}
      />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">No account? Ask an admin for an invitation.</p>
    </div>
  );
}
