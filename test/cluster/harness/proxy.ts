// A TCP proxy on 127.0.0.1 in front of the API server, which a test can cut (open connections dropped, new ones
// closed at once) while the admin client keeps writing directly: the model behind it misses those changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';

export interface CuttableProxy {
  kubeconfig: string;
  cut(): void;
  restore(): void;
  stop(): Promise<void>;
}

export async function startProxy(apiServer: string, adminKubeconfig: string): Promise<CuttableProxy> {
  const target = new URL(apiServer);
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: Number(target.port) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const kubeconfig = `${adminKubeconfig}.proxy-${port}`;
  writeFileSync(kubeconfig, readFileSync(adminKubeconfig, 'utf8').replace(apiServer, `https://127.0.0.1:${port}`));
  return {
    kubeconfig,
    cut: () => {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore: () => {
      open = true;
    },
    stop: async () => {
      open = false;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
