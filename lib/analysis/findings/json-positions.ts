/** Where a key sits in JSON text: 1-based line and column of its opening quote. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Positions of every object key in JSON text, by JSON pointer ("/States/A/Next"), so a finding can point
 * at a line (SARIF needs one for code scanning). A small scanner: strings, objects and arrays; the text
 * is already known to parse.
 */
export function findKeyPositions(text: string): Map<string, TextPosition> {
  const positions = new Map<string, TextPosition>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === "\n") lineStarts.push(i + 1);
  const at = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
  // Each open container: its pointer, whether it is an array, the next array index, the pending key.
  const stack: { pointer: string; array: boolean; index: number; key: string | null }[] = [];
  let i = 0;
  const readString = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const childPointer = (): string => {
    const top = stack.at(-1);
    if (!top) return "";
    return top.array ? `${top.pointer}/${top.index}` : `${top.pointer}/${escape(top.key ?? "")}`;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const top = stack.at(-1);
      const start = i;
      const value = readString();
      let j = i;
      while (j < text.length && /\s/.test(text[j]!)) j += 1;
      if (top && !top.array && text[j] === ":") {
        top.key = value;
        positions.set(`${top.pointer}/${escape(value)}`, at(start));
      }
      continue;
    }
    if (c === "{" || c === "[") stack.push({ pointer: childPointer(), array: c === "[", index: 0, key: null });
    else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") {
      const top = stack.at(-1);
      if (top?.array) top.index += 1;
    }
    i += 1;
  }
  return positions;
}

/** "/States/M/ItemProcessor/States/B/Retry/0" → state "M/B", field "Retry/0". */
export function locatePointer(pointer: string | null): { path: string | null; field: string | null } {
  if (!pointer) return { path: null, field: null };
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const names: string[] = [];
  let i = 0;
  for (; i < parts.length; i += 1) {
    if (parts[i] === "States" && i + 1 < parts.length) {
      names.push(parts[i + 1]!);
      i += 1;
    } else if (!["ItemProcessor", "Iterator", "Branches"].includes(parts[i]!) && !(parts[i - 1] === "Branches" && /^\d+$/.test(parts[i]!))) {
      break;
    }
  }
  return { path: names.length ? names.join("/") : null, field: parts.slice(i).join("/") || null };
}
