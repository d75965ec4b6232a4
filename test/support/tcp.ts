import { createConnection, createServer, type Server, type Socket } from 'node:net';

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as { port: number }).port}`));
  });
}

/**
 * A listening socket that never answers: connections are accepted and whatever
 * arrives is ignored, as from a server that hangs. `close()` drops them all.
 */
export async function blackHole(): Promise<{ address: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  const address = await listen(server);
  return {
    address,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A TCP relay to `target` that can be made to fail the way a server does:
 * `hang()` keeps every connection open but stops passing bytes either way (and
 * accepts new connections that hear nothing), `refuse()` drops every
 * connection and stops listening, so the port answers "connection refused".
 */
export async function tcpRelay(target: string): Promise<{ address: string; hang(): void; refuse(): Promise<void> }> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  let passing = true;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  };
  const server = createServer((client) => {
    track(client);
    if (!passing) return;
    const upstream = createConnection({ host, port });
    track(upstream);
    client.on('data', (d) => passing && upstream.write(d));
    upstream.on('data', (d) => passing && client.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const address = await listen(server);
  return {
    address,
    hang: () => {
      passing = false;
    },
    refuse: () =>
      new Promise((resolve) => {
        passing = false;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
