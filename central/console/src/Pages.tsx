import type { ConsoleArea } from '../../../core/console/roles.js';
import type { Me } from './api.js';

export interface PageProps {
  readonly area: ConsoleArea;
  readonly path: string;
  readonly me: Me;
  readonly navigate: (to: string) => void;
  readonly onSessionLost: () => void;
}

/** The page of each area this build has (see AVAILABLE_AREAS). */
export function Pages(_props: PageProps) {
  return null;
}
