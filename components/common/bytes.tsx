import { formatBytes, formatBytesExact } from "@/lib/analysis/format";

/** A size for reading (KiB), with the exact byte count on hover: the cap is 262,144 and we are right to the byte. */
export function Bytes({ bytes }: { bytes: number | null | undefined }) {
  return <span title={formatBytesExact(bytes)}>{formatBytes(bytes)}</span>;
}
