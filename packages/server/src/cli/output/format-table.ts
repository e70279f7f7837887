import { type Style, visibleLength } from './style.js';

/**
 * Left-aligned columns separated by two spaces, header dimmed. Cells are never cut: people copy
 * ids from tables (scripts use --json).
 *
 * @example
 * formatTable(['ID', 'STATE'], [['d1', 'delivered']], style);
 * // 'ID  STATE\nd1  delivered'
 */
export function formatTable(headers: string[], rows: string[][], style: Style): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell)),
      )
      .join('  ')
      .trimEnd();
  return [style.dim(line(headers)), ...rows.map(line)].join('\n');
}

/** `key  value` lines with the keys aligned, for one record. */
export function formatFields(fields: Array<[string, string]>, style: Style): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${style.dim(k.padEnd(width))}  ${v}`).join('\n');
}
