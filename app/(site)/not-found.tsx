import { NotFoundMessage } from "@/components/ui/not-found-message";

// notFound() from a page in this group renders inside the group's layout, which already has the
// site chrome (header, main landmark, footer): the root not-found page would add a second one.
export default function NotFound() {
  return <NotFoundMessage />;
}
