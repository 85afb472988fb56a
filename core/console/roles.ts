/** Who signs in to the central console, and what each may open. Pure: central and the web app share it. */
export const CONSOLE_ROLES = ['marketer', 'store_manager', 'it_admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** The console's areas; a route or a page names one, and a role opens the areas listed for it. */
export const CONSOLE_AREAS = ['customers', 'campaigns', 'analytics', 'fleet', 'stores', 'operations', 'users'] as const;
export type ConsoleArea = (typeof CONSOLE_AREAS)[number];

export const AREAS_BY_ROLE: Readonly<Record<ConsoleRole, readonly ConsoleArea[]>> = {
  marketer: ['customers', 'campaigns', 'analytics'],
  // Their own stores only: every store-level read is limited to the stores they manage, and of a
  // store's settings they change only some (central/src/stores/routes.ts says which and why).
  store_manager: ['customers', 'analytics', 'fleet', 'stores', 'operations'],
  it_admin: ['customers', 'campaigns', 'analytics', 'fleet', 'stores', 'operations', 'users'],
};

export function mayOpen(role: ConsoleRole, area: ConsoleArea): boolean {
  return AREAS_BY_ROLE[role].includes(area);
}
