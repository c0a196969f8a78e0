/** The Translate button's icon: a glyph and a letter, as translation is drawn everywhere. */
export const TranslateIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M1.5 3h7M5 1.5V3M7 3c-.6 2.6-2.4 4.6-5 5.8M3.6 5.2c.8 1.4 2 2.6 3.6 3.3" />
    <path d="M8.5 14.5l3-7 3 7M9.6 12h3.8" />
  </svg>
);
