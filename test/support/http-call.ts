/** One HTTP request over a real socket with exactly the headers given (node:http: fetch would add its own or refuse Host). */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface Called {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface Call {
  port?: number;
  socketPath?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function call(options: Call): Promise<Called> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        socketPath: options.socketPath,
        method: options.method ?? 'GET',
        path: options.path,
        // Host as a client names this server, unless the test names another.
        headers: { Host: options.socketPath ? 'localhost' : `127.0.0.1:${options.port}`, ...options.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            // Not JSON: the test reads text.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
