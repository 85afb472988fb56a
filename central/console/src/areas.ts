import type { ConsoleArea } from '../../../core/console/roles.js';

/** The areas this build of the console has pages for; the others appear as they are built. */
export const AVAILABLE_AREAS: readonly ConsoleArea[] = ['customers', 'campaigns', 'analytics', 'fleet', 'stores', 'operations'];
