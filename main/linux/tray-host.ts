/**
 * Whether a tray icon can be seen on this Linux desktop. Electron's tray is a StatusNotifierItem, which appears only
 * where a StatusNotifierWatcher runs (KDE, XFCE, Cinnamon, GNOME with the AppIndicator extension); plain GNOME has
 * none, and an app that hides its window there becomes unreachable (review m5).
 */
import { connectSessionBus, nameHasOwner } from './session-bus.ts';

export async function hasTrayHost(busAddress?: string): Promise<boolean> {
  try {
    const bus = await connectSessionBus(busAddress);
    try {
      return await nameHasOwner(bus, 'org.kde.StatusNotifierWatcher');
    } finally {
      bus.disconnect();
    }
  } catch {
    return false;
  }
}
