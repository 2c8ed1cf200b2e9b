// Trunk post-build hook: move Trunk's inline start-up <script type="module"> into
// its own file, so the page's Content-Security-Policy can forbid inline scripts
// (script-src 'self'). Trunk 0.21 has no option for this (trunk-rs/trunk#288).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalize-boot: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
// Trunk builds one HTML file at a time (index.html, embed.html); Trunk 0.21
// stages every page as index.html, later versions under its own name.
const named = process.env.TRUNK_HTML_FILE ? basename(process.env.TRUNK_HTML_FILE) : 'index.html';
const page = existsSync(join(dir, named)) ? named : 'index.html';
const indexPath = join(dir, page);
const html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error(`externalize-boot: no inline module script found in ${page}`);
  process.exit(1);
}
const code = match[1].trim() + '\n';
const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
writeFileSync(indexPath, html.replace(inline, `<script type="module" src="./${name}"></script>`));
console.log(`externalize-boot: wrote ${name}`);
