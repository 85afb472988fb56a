import type { ConsoleArea } from '../../../core/console/roles.js';
import type { Me } from './api.js';
import { CustomerProfile } from './customers/CustomerProfile.js';
import { CustomerSearch } from './customers/CustomerSearch.js';
import { FleetPage } from './fleet/FleetPage.js';
import { CampaignsArea } from './campaigns/CampaignsArea.js';
import { AnalyticsPage } from './analytics/AnalyticsPage.js';
import { StoreSettingsPage } from './stores/StoreSettingsPage.js';
import { OperationsPage } from './operations/OperationsPage.js';

export interface PageProps {
  readonly area: ConsoleArea;
  readonly path: string;
  readonly me: Me;
  readonly navigate: (to: string) => void;
  readonly onSessionLost: () => void;
}

/** The page of each area this build has (AVAILABLE_AREAS), chosen by the path under /console/. */
export function Pages({ area, path, me, navigate, onSessionLost }: PageProps) {
  const url = new URL(path, location.origin);
  if (area === 'customers') {
    const id = /^\/console\/customers\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id) return <CustomerProfile key={id} id={decodeURIComponent(id)} navigate={navigate} onSessionLost={onSessionLost} />;
    const q = url.searchParams.get('q') ?? '';
    return <CustomerSearch key={q} query={q} navigate={navigate} onSessionLost={onSessionLost} />;
  }
  if (area === 'fleet') return <FleetPage key={url.search} search={url.search} navigate={navigate} onSessionLost={onSessionLost} />;
  if (area === 'campaigns') return <CampaignsArea path={url.pathname} navigate={navigate} onSessionLost={onSessionLost} />;
  if (area === 'stores') {
    const id = /^\/console\/stores\/([^/]+)$/.exec(url.pathname)?.[1];
    return <StoreSettingsPage storeId={id ? decodeURIComponent(id) : null} me={me} navigate={navigate} onSessionLost={onSessionLost} />;
  }
  if (area === 'analytics') return <AnalyticsPage key={url.search} search={url.search} me={me} navigate={navigate} onSessionLost={onSessionLost} />;
  if (area === 'operations') return <OperationsPage key={url.pathname + url.search} path={url.pathname} search={url.search} me={me} navigate={navigate} onSessionLost={onSessionLost} />;
  return null;
}
