import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Every reference in code and docs resolves inside the repository: a cited `*.md` file exists, a
// cited `docs/x.md "Heading"` is a heading of that page, and a cited `§N` is a section of
// docs/ringcentral-protocol.md. Nothing cites the notes a clone does not contain.

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const self = fileURLToPath(import.meta.url);
const SCANNED = ['packages', 'docs', 'bench', 'examples', 'scripts', 'README.md', 'CHANGELOG.md'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', 'coverage']);
const PROTOCOL = 'docs/ringcentral-protocol.md';

function scannedFiles(path: string, out: string[] = []): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return out;
  if (/\.(ts|mts|mjs|md)$/.test(path)) {
    if (full !== self) out.push(path);
    return out;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const isScanned = entry.isDirectory()
      ? !SKIPPED_FOLDERS.has(entry.name)
      : /\.(ts|mts|mjs|md)$/.test(entry.name);
    if (isScanned) scannedFiles(join(path, entry.name), out);
  }
  return out;
}

const files = SCANNED.flatMap((path) => scannedFiles(path));
/** File text without URLs (a link to RingCentral's docs may end in `.md`) and with comment line
 * breaks joined, so a citation wrapped over two comment lines reads as one. */
const texts = new Map(
  files.map((file) => [
    file,
    readFileSync(join(root, file), 'utf8')
      .replace(/https?:\/\/[^\s)>\]]+/g, '')
      .replace(/\n[ \t]*(?:\*(?!\/)|\/\/)[ \t]*/g, ' \n'),
  ]),
);

/** Where a cited `.md` path points: the repository root, the citing file's folder, or docs/. */
function resolveDoc(cited: string, from: string): string | null {
  for (const candidate of [cited, join(dirname(from), cited), join('docs', cited)]) {
    const normal = relative(root, join(root, candidate));
    if (!normal.startsWith('..') && existsSync(join(root, normal))) return normal;
  }
  return null;
}

function headings(doc: string): string[] {
  const text = readFileSync(join(root, doc), 'utf8');
  return [...text.matchAll(/^#{1,6} +(.+)$/gm)].map((m) => (m[1] ?? '').trim());
}

const protocolText = readFileSync(join(root, PROTOCOL), 'utf8');
const protocolSections = new Set(
  [...protocolText.matchAll(/^#{2,3} +(\d+(?:\.\d+)*)\.? /gm)].map((m) => m[1] ?? ''),
);
/** The lettered samples of a section, e.g. §5.4 (a)–(g). */
function lettersOf(section: string): Set<string> {
  const start = protocolText.search(new RegExp(`^### ${section.replace('.', '\\.')} `, 'm'));
  const body = protocolText.slice(start, protocolText.indexOf('\n## ', start + 1));
  return new Set([...body.matchAll(/\*\*\(([a-z])\)/g)].map((m) => m[1] ?? ''));
}

test('nothing cites notes outside the repository, or issue numbers', () => {
  const outside = new RegExp(
    `${['PRODUCT-DECISIONS', 'STYLE\\.md', 'DESIGN\\.md', 'landscape\\.md'].join('|')}`,
  );
  const issue = /\bissues? #?\d+\b/i;
  const found: string[] = [];
  for (const [file, text] of texts)
    text.split('\n').forEach((line, i) => {
      if (outside.test(line) || issue.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  assert.deepEqual(found, []);
});

test('every cited .md file exists in the repository', () => {
  const missing: string[] = [];
  for (const [file, text] of texts)
    for (const m of text.matchAll(/(?<![\w/.-])((?:\.{1,2}\/|[\w-]+\/)*[\w-]+\.md)\b/g)) {
      const cited = m[1] ?? '';
      if (!resolveDoc(cited, file)) missing.push(`${file}: ${cited}`);
    }
  assert.deepEqual(missing, []);
});

test('every cited docs page heading ("Heading") exists on that page', () => {
  const missing: string[] = [];
  for (const [file, text] of texts)
    for (const m of text.matchAll(/([\w/.-]+\.md)\s*"([^"\n]+)"/g)) {
      const doc = resolveDoc(m[1] ?? '', file);
      const wanted = (m[2] ?? '').replace(/\s+/g, ' ');
      if (doc && !headings(doc).some((h) => h === wanted || h.startsWith(`${wanted} (`)))
        missing.push(`${file}: ${doc} "${wanted}"`);
    }
  assert.deepEqual(missing, []);
});

/**
 * A file cut where a citation's context ends: at blank lines, and in code at every line that is
 * not part of the same comment.
 */
function paragraphs(file: string): string[] {
  const raw = readFileSync(join(root, file), 'utf8').replace(/https?:\/\/[^\s)>\]]+/g, '');
  if (file.endsWith('.md')) return raw.split(/\n\s*\n/);
  const out: string[] = [];
  let comment: string[] = [];
  for (const line of raw.split('\n')) {
    const isComment = /^\s*(?:\/\*|\*|\/\/)/.test(line);
    if (!isComment && comment.length > 0) {
      out.push(comment.join('\n'));
      comment = [];
    }
    if (isComment) comment.push(line);
    else out.push(line);
    if (line.includes('*/') && comment.length > 0) {
      out.push(comment.join('\n'));
      comment = [];
    }
  }
  out.push(comment.join('\n'));
  return out;
}

test('every §N cited for the protocol is a section of docs/ringcentral-protocol.md', () => {
  const missing: string[] = [];
  let cited = 0;
  for (const file of files) {
    // A § belongs to the document named last before it in the same paragraph or comment; with
    // none named, to the protocol. RFCs are not ours to check.
    for (const paragraph of paragraphs(file)) {
      let owner: string = PROTOCOL;
      for (const m of paragraph.matchAll(/(RFC \d+)|([\w/.-]+\.md)|§ ?(\d+(?:\.\d+)*)(?: ([a-z])\b)?/g)) {
        if (m[1]) owner = m[1];
        else if (m[2]) owner = resolveDoc(m[2], file) ?? m[2];
        else if (owner === PROTOCOL) {
          cited += 1;
          const section = m[3] ?? '';
          if (!protocolSections.has(section)) missing.push(`${file}: §${section}`);
          else if (m[4] && lettersOf(section).size > 0 && !lettersOf(section).has(m[4]))
            missing.push(`${file}: §${section} ${m[4]}`);
        }
      }
    }
  }
  assert.ok(cited > 50, `expected the code to cite the protocol often, found ${cited}`);
  assert.deepEqual(missing, []);
});
