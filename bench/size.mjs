// Size report: raw and gzipped (level 9) bytes of every file in dist/, written to
// bench/out/size.json and printed as a table. Run after `trunk build --release`.
import { readdirSync, readFileSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile()).sort();
if (!files.includes('index.html')) {
  console.error('dist/index.html is missing: run trunk build --release first');
  process.exit(1);
}
const rows = files.map((file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
const report = { measured: new Date().toISOString(), files: rows, total };
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/size.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log('file'.padEnd(48) + '     raw KB    gzip KB');
for (const r of rows) console.log(r.file.padEnd(48) + kb(r.raw) + '   ' + kb(r.gzip));
console.log('total'.padEnd(48) + kb(total.raw) + '   ' + kb(total.gzip));
