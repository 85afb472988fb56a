import { CampaignNames } from '../../../core/sync/pull.js';

/** A campaign's names as the till stores them (JSON the cache wrote, or NULL): none, or what does not read as names, shows `name`. */
export function storedNames(json: string | null): { names?: CampaignNames } {
  const parsed = json === null ? null : CampaignNames.safeParse(JSON.parse(json));
  return parsed?.success ? { names: parsed.data } : {};
}
