/** Line icons for the result's icon buttons, drawn in the text's colour; each button carries its own name (aria-label). */
import type { ReactElement } from 'react';

const Icon = ({ children }: { children: ReactElement | ReactElement[] }) => (
  <svg className="icon" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const EditIcon = () => (
  <Icon>
    <path d="M12 20h9" />
    <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
  </Icon>
);

export const PinIcon = ({ filled = false }: { filled?: boolean }) => (
  <Icon>
    <path d="M12 17v5" />
    <path d="M9 3h6l-1 7 4 3v2H6v-2l4-3Z" fill={filled ? 'currentColor' : 'none'} />
  </Icon>
);

export const TrashIcon = () => (
  <Icon>
    <path d="M3 6h18" />
    <path d="M8 6V4h8v2" />
    <path d="M6 6l1 14h10l1-14" />
  </Icon>
);

export const ExportIcon = () => (
  <Icon>
    <path d="M12 3v12" />
    <path d="m7 10 5 5 5-5" />
    <path d="M5 21h14" />
  </Icon>
);

export const RerunIcon = () => (
  <Icon>
    <path d="M20 12a8 8 0 1 1-2.3-5.7L20 8.6" />
    <path d="M20 3v5.6h-5.6" />
  </Icon>
);

export const RevertIcon = () => (
  <Icon>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h11a5 5 0 0 1 0 10h-3" />
  </Icon>
);

export const ChevronIcon = () => (
  <Icon>
    <path d="m6 9 6 6 6-6" />
  </Icon>
);

export const QrIcon = () => (
  <Icon>
    <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4z" />
    <path d="M14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2" />
  </Icon>
);

/** Where an entry came from, as the row's icon (review M16). */
export const SourceIcon = ({ kind }: { kind: 'region' | 'file' | 'clipboard' | 'drop' | 'pdf' }) => (
  <Icon>
    {kind === 'region' ? (
      <path d="M6 2v14a2 2 0 0 0 2 2h14M2 6h14a2 2 0 0 1 2 2v14" />
    ) : kind === 'clipboard' ? (
      <>
        <path d="M9 4h6v3H9z" />
        <path d="M9 5H6v16h12V5h-3" />
      </>
    ) : kind === 'drop' ? (
      <>
        <path d="M12 3v12m-5-5 5 5 5-5" />
        <path d="M4 17v4h16v-4" />
      </>
    ) : (
      <>
        <path d="M14 2H6v20h12V6Z" />
        <path d="M14 2v4h4" />
        {kind === 'pdf' ? <path d="M9 13h6M9 17h6" /> : <path d="M9 15h6" />}
      </>
    )}
  </Icon>
);
