import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';

/** One row of an import, with the 1-based line (CSV) or index+1 (JSON) that errors refer to. */
export interface ImportRow {
  line: number;
  value: unknown;
}

const CSV_HEADER = ['name', 'pid', 'serialNumber', 'nxosVersion'];

/** The rows of an import body: a JSON array, or CSV with header `name,pid,serialNumber,nxosVersion`. */
export function importRows(body: unknown, contentType: string): ImportRow[] {
  if (contentType.startsWith('text/csv') || contentType.startsWith('text/plain')) return csvRows(String(body ?? ''));
  if (!Array.isArray(body)) throw new GatewayError(GatewayErrorCode.Validation, 'the body must be a JSON array of switches, or text/csv');
  return body.map((value, i) => ({ line: i + 1, value }));
}

function csvRows(text: string): ImportRow[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsv(lines[0] ?? '');
  if (CSV_HEADER.some((h) => !header.includes(h))) {
    throw new GatewayError(GatewayErrorCode.Validation, `the CSV header must name ${CSV_HEADER.join(',')}`);
  }
  const rows: ImportRow[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const cells = splitCsv(line);
    rows.push({ line: i + 1, value: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])) });
  });
  return rows;
}

/** RFC 4180 enough for inventories: quoted cells may hold commas and doubled quotes. */
function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}
