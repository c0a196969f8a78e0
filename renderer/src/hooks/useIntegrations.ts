/**
 * The Local API's, the watched folders' and the clipboard watch's state as main last said it (issue 25): asked once
 * when Settings opens, then kept by 'integrations:changed', which main sends on every change of state or counts.
 */
import type { IntegrationsStatus } from '../../../preload/api.ts';
import { api } from '../api.ts';
import { useFollowed } from './useFollowed.ts';

export function useIntegrations(): [IntegrationsStatus | null, (status: IntegrationsStatus) => void] {
  return useFollowed<IntegrationsStatus | null>(null, () => api.integrations.status(), (set) => api.on('integrations:changed', set));
}
