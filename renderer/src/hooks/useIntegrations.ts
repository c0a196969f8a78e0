/**
 * The Local API's, the watched folders' and the clipboard watch's state as main last said it (issue 25): asked once
 * when Settings opens, then kept by 'integrations:changed', which main sends on every change of state or counts.
 */
import { useEffect, useState } from 'react';
import type { IntegrationsStatus } from '../../../preload/api.ts';
import { api } from '../api.ts';

export function useIntegrations(): [IntegrationsStatus | null, (status: IntegrationsStatus) => void] {
  const [status, setStatus] = useState<IntegrationsStatus | null>(null);
  useEffect(() => {
    let heard = false;
    const off = api.on('integrations:changed', (next) => {
      heard = true;
      setStatus(next);
    });
    // An event that arrives before the answer is newer than it: the answer is then dropped.
    void api.integrations.status().then((first) => heard || setStatus(first), () => undefined);
    return off;
  }, []);
  return [status, setStatus];
}
