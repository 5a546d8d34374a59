/**
 * The UI's two dictionaries (web/public/i18n/vi.js, en.js) have the same keys, and every literal
 * key the UI asks t() for exists. No browser needed: the dictionaries are plain object literals.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const WEB = path.resolve('web/public');

function dictionary(lang: string): Record<string, string> {
  const source = fs.readFileSync(path.join(WEB, 'i18n', `${lang}.js`), 'utf8');
  const literal = source
    .slice(source.indexOf('export default') + 'export default'.length)
    .trim()
    .replace(/;\s*$/, '');
  return vm.runInNewContext(`(${literal})`) as Record<string, string>;
}

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? e.name === 'i18n'
          ? []
          : sources(path.join(dir, e.name))
        : e.name.endsWith('.js')
          ? [path.join(dir, e.name)]
          : [],
    );
}

const vi = dictionary('vi');
const en = dictionary('en');

test('vi and en have identical key sets', () => {
  expect(Object.keys(vi).length).toBeGreaterThan(100);
  expect(Object.keys(en).filter((k) => !(k in vi))).toEqual([]);
  expect(Object.keys(vi).filter((k) => !(k in en))).toEqual([]);
});

test('every text is non-empty and the placeholders match between the languages', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(vi)) {
    expect([key, typeof vi[key] === 'string' && vi[key]!.length > 0]).toEqual([key, true]);
    expect([key, placeholders(en[key]!)]).toEqual([key, placeholders(vi[key]!)]);
  }
});

test('every literal key passed to t() exists', () => {
  const missing: string[] = [];
  for (const file of sources(WEB)) {
    // Without comments (which may show t('key') as an example).
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/\bt\('([^'`$]+)'/g))
      if (!(m[1]! in vi)) missing.push(`${path.relative(WEB, file)}: ${m[1]}`);
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g))
      if (!(m[1]! in vi)) missing.push(`${path.relative(WEB, file)}: ${m[1]}`);
  }
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) if (!(m[1]! in vi)) missing.push(`index.html: ${m[1]}`);
  expect(missing).toEqual([]);
});
