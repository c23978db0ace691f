import Link from "next/link";
import { notFound } from "next/navigation";
import { RevisionLog } from "@/components/editor/revision-log";
import { requireEditor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listRevisions } from "@/lib/editor/revisions";

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: "Event history" };

export default async function EventHistoryPage({ params }: Props) {
  await requireEditor();
  const { id } = await params;
  const event = await getDb().event.findUnique({ where: { id }, select: { id: true, headline: true } });
  if (!event) notFound();
  const revisions = await listRevisions("Event", event.id);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/editor/events/${event.id}`} className="underline">
          ← Back to the event
        </Link>
      </p>
      <h1 className="font-serif text-2xl font-bold">History: {event.headline}</h1>
      <RevisionLog revisions={revisions} />
    </div>
  );
}
