/**
 * Which display changes call for new overlays (review M2/M3): a display added or removed, or one whose bounds,
 * scale factor or rotation changed. Not a work-area change, which macOS reports whenever the Dock or the menu bar
 * hides or shows (screen.md: changedMetrics can be bounds, workArea, scaleFactor, rotation).
 */
export function overlaysOutdated(event: 'display-added' | 'display-removed' | 'display-metrics-changed', changedMetrics: readonly string[] = []): boolean {
  if (event !== 'display-metrics-changed') return true;
  return changedMetrics.some((metric) => metric === 'bounds' || metric === 'scaleFactor' || metric === 'rotation');
}
