import { generateMapHistory } from "@/lib/analysis/testing/generate-history";
import { normaliseHistory } from "@/lib/analysis/history";
import { attributeEvents } from "@/lib/analysis/attribution";
import { buildExecutionReport, parseDefinition, utf8ByteLength } from "@/lib/analysis";
const g = generateMapHistory({ items: 4000, concurrency: 10, payloadChars: 400 });
const events = JSON.parse(JSON.stringify(g.events));
const def = parseDefinition(g.definition);
function t(name: string, fn: () => unknown) { for (let i=0;i<5;i++) fn(); const ts: number[] = []; for (let i = 0; i < 20; i++) { const s = performance.now(); fn(); ts.push(performance.now() - s); } ts.sort((a,b)=>a-b); console.log(name, ts[10]!.toFixed(2)); }
t("normalise", () => normaliseHistory(events));
const h = normaliseHistory(events);
t("attribute", () => attributeEvents(h, def));
t("report", () => buildExecutionReport(events, { definition: def, now: "2024-06-01T00:00:00Z" }));
t("dateparse", () => { let x = 0; for (const e of events) x += Date.parse(e.timestamp); return x; });
let strs: string[] = []; for (const e of events) for (const k of Object.keys(e)) if (k.endsWith("Details")) for (const v of Object.values(e[k] as object)) if (typeof v === "string") strs.push(v);
console.log("chars", strs.reduce((a, s) => a + s.length, 0));
t("bytes", () => { let x = 0; for (const s of strs) x += utf8ByteLength(s); return x; });
const te = new TextEncoder(); const buf = new Uint8Array(1 << 20);
t("encodeInto", () => { let x = 0; for (const s of strs) x += te.encodeInto(s, buf).written!; return x; });
t("Buffer.byteLength", () => { let x = 0; for (const s of strs) x += Buffer.byteLength(s, "utf8"); return x; });
