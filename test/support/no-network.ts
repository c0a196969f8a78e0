/**
 * Loaded with --import into a process, and so into each of its worker threads (they inherit execArgv): any attempt
 * to reach the network throws, naming itself. For tests that prove a reader is offline.
 */
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what: string) => (): never => {
  throw new Error(`network access attempted (${what})`);
};

globalThis.fetch = refuse('fetch');
net.Socket.prototype.connect = refuse('socket') as typeof net.Socket.prototype.connect;
dns.lookup = refuse('dns') as unknown as typeof dns.lookup;
