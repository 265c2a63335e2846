// Test support: one dashboard replica's server side without Next (the composition root, its poller on the lease),
// for lib/server/replicas.integration.test.ts. Run with `node --conditions=react-server --import tsx` (so that
// `server-only` resolves to its empty module, as in Next's server bundle). Prints one JSON line whenever its
// role, the lease holder, its last completed cycle or its AWS spending changes, and on SIGTERM stops its poller.
import { buildServices } from "@/lib/server/services";

const services = buildServices();
const { poller, budget } = services;
void poller.start();

let last = "";
const timer = setInterval(() => {
  const lease = poller.lease();
  const snapshot = poller.snapshot();
  const spent = Object.values(budget.spent()).reduce((sum, n) => sum + n, 0);
  const line = JSON.stringify({ pid: process.pid, role: lease.role, holder: lease.holder?.id ?? null, updatedAt: snapshot.updatedAt, error: snapshot.error?.message ?? lease.error, awsCalls: spent, stored: snapshot.index?.stored ?? null });
  if (line !== last) process.stdout.write(`${JSON.stringify({ ...JSON.parse(line), at: Date.now() })}\n`);
  last = line;
}, 100);

process.on("SIGTERM", () => {
  clearInterval(timer);
  poller.stop();
  void services.store.then((s) => s.close()).finally(() => process.exit(0));
});
