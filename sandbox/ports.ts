import net from "node:net";

/** A port that something else already listens on; the message is the one users see. */
export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is taken`);
    this.name = "PortTakenError";
  }
}

/** Listen on 127.0.0.1:port (0 = any free port) and resolve with the bound port; EADDRINUSE becomes PortTakenError. */
export function listenOnLoopback(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(err.code === "EADDRINUSE" || err.code === "EACCES" ? new PortTakenError(port) : err);
    };
    const onListening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

/** Throw PortTakenError unless 127.0.0.1:port can be bound right now (checked by binding and releasing it). */
export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await listenOnLoopback(probe, port);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
