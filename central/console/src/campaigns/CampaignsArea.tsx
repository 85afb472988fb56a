import { CampaignDetail } from './CampaignDetail.js';
import { CampaignsPage } from './CampaignsPage.js';
import { SegmentsPage } from './SegmentsPage.js';

/** The campaigns area's pages: the list (and a new campaign), one campaign, the segments. */
export function CampaignsArea({ path, navigate, onSessionLost }: { path: string; navigate: (to: string) => void; onSessionLost: () => void }) {
  if (path === '/console/campaigns/segments') return <SegmentsPage navigate={navigate} onSessionLost={onSessionLost} />;
  const id = /^\/console\/campaigns\/c\/([^/]+)$/.exec(path)?.[1];
  if (id) return <CampaignDetail key={id} id={decodeURIComponent(id)} navigate={navigate} onSessionLost={onSessionLost} />;
  return <CampaignsPage creating={path === '/console/campaigns/new'} navigate={navigate} onSessionLost={onSessionLost} />;
}
