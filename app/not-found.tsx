import { NotFoundMessage } from "@/components/ui/not-found-message";
import { SiteChrome } from "@/components/ui/site-chrome";

export default function NotFound() {
  return (
    <SiteChrome>
      <NotFoundMessage />
    </SiteChrome>
  );
}
