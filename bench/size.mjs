// Size report: raw and gzipped (level 9) bytes of every file in dist/, and of
// what each page loads (the files index.html and embed.html name, with the
// page itself). Writes bench/out/size.json and prints tables. Run after
// `bash scripts/build.sh --release`.
import { readdirSync, readFileSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile()).sort();
if (!files.includes('index.html')) {
  console.error('dist/index.html is missing: run bash scripts/build.sh --release first');
  process.exit(1);
}
const measure = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const rows = files.map(measure);
const sum = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
const total = sum(rows);
// What a page loads: itself and every dist/ file its HTML names (CSS, icon,
// boot script, JS glue, WebAssembly module).
const pages = {};
for (const page of ['index.html', 'embed.html'].filter((p) => files.includes(p))) {
  const html = readFileSync(join(dist, page), 'utf8');
  const named = [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]).filter((f) => files.includes(f));
  const loaded = [page, ...new Set(named)].map(measure);
  pages[page] = { files: loaded, ...sum(loaded) };
}
const report = { measured: new Date().toISOString(), files: rows, total, pages };
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/size.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log('file'.padEnd(48) + '     raw KB    gzip KB');
for (const r of rows) console.log(r.file.padEnd(48) + kb(r.raw) + '   ' + kb(r.gzip));
console.log('all of dist/'.padEnd(48) + kb(total.raw) + '   ' + kb(total.gzip));
for (const [page, p] of Object.entries(pages)) console.log(`what ${page} loads`.padEnd(48) + kb(p.raw) + '   ' + kb(p.gzip));
