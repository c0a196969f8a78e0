import { describe, expect, it } from 'vitest';
import { displayServer } from '../../../main/linux/display-server.ts';

describe('displayServer', () => {
  it('believes the platform Chromium settled on, whatever the session says', () => {
    expect(displayServer('linux', 'x11', { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' })).toBe('x11');
    expect(displayServer('linux', 'wayland', { XDG_SESSION_TYPE: 'x11' })).toBe('wayland');
    expect(displayServer('darwin', '', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('other');
  });

  it('without the switch, follows Chromium: a lone display decides, the session type breaks ties', () => {
    expect(displayServer('linux', '', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('wayland');
    expect(displayServer('linux', '', { DISPLAY: ':0', XDG_SESSION_TYPE: 'wayland' })).toBe('x11');
    expect(displayServer('linux', '', { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland' })).toBe('wayland');
    expect(displayServer('linux', '', { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'x11' })).toBe('x11');
  });
});
