// Test helper: raw HTTP requests to the studio, with any Host or Origin (fetch forbids setting Host).
import { request as httpRequest } from 'node:http';

export function request(url: string, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; body: string; json: any }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path ?? u.pathname + u.search, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(body);
        } catch {}
        ok({ status: res.statusCode ?? 0, body, json });
      });
    });
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** A POST as the studio's own page makes it: JSON, from its own origin. */
export function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const u = new URL(url);
  return request(url, { method: 'POST', path, body: JSON.stringify(body), headers: { host: u.host, origin: `http://${u.host}`, 'content-type': 'application/json', ...headers } });
}
