/** Where the app's control endpoint lives (main/serve/control-endpoint.ts): both sides take the name from here. */
import { describe, expect, it } from 'vitest';
import { CONTROL_SOCKET, controlEndpoint } from '../../../main/serve/control-endpoint.ts';

describe('controlEndpoint', () => {
  it('is control.sock in the data folder on Linux and macOS', () => {
    expect(controlEndpoint('/home/ada/.config/Readout', 'linux')).toBe(`/home/ada/.config/Readout/${CONTROL_SOCKET}`);
    expect(controlEndpoint('/Users/ada/Library/Application Support/Readout', 'darwin')).toBe('/Users/ada/Library/Application Support/Readout/control.sock');
  });

  it('is a named pipe on Windows, named by the data folder: one per folder, the same each time', () => {
    const pipe = controlEndpoint('C:\\Users\\Ada\\AppData\\Roaming\\Readout', 'win32');
    expect(pipe).toMatch(/^\\\\\.\\pipe\\readout-[0-9a-f]{16}$/);
    expect(controlEndpoint('C:\\Users\\Ada\\AppData\\Roaming\\Readout', 'win32')).toBe(pipe);
    expect(controlEndpoint('D:\\Portable\\Readout', 'win32')).not.toBe(pipe);
  });
});
