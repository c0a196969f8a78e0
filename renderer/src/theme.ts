/** The theme setting on <html data-theme>: light or dark win over the system's choice, system leaves it to CSS. */
export function applyTheme(theme: 'system' | 'light' | 'dark'): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
