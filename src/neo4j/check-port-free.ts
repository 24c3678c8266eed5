import net from 'node:net';
import { AppError, ErrorCode } from '../errors.ts';

/** Fails fast with PORT_IN_USE, before a JVM is spent on discovering it. */
export function checkPortFree(port: number, host = '127.0.0.1', variable = 'ENTENTE_BOLT_PORT'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(new AppError(ErrorCode.PORT_IN_USE, `Port ${port} on ${host} is already in use; the embedded Neo4j cannot listen for Bolt there.`, {
          details: { port, host },
          hint: `Stop what uses it (\`ss -ltnp 'sport = :${port}'\` shows it), or choose another port with ${variable}.`,
        }));
      } else {
        reject(error);
      }
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A port the OS reports free now; good enough for tests, which then pass it to the JVM. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
