// Fails the build when dist/ would break under the server's Content-Security-Policy
//   default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; …
// or would load anything from another origin: no inline scripts, no inline styles (elements or
// attributes), no inline event handlers, no eval, no absolute URLs to other hosts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '..', 'dist');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const RULES = {
  html: [
    [/<script\b(?![^>]*\bsrc=)[^>]*>/gi, 'inline <script> (script-src has no unsafe-inline)'],
    [/<script\b[^>]*\bsrc=[^>]*>\s*\S[\s\S]*?<\/script>/gi, '<script src> with inline content'],
    [/<style\b/gi, '<style> element (style-src has no unsafe-inline)'],
    [/\sstyle\s*=/gi, 'style="" attribute (style-src has no unsafe-inline)'],
    [/\son[a-z]+\s*=/gi, 'inline event handler attribute'],
    [/javascript:/gi, 'javascript: URL'],
    [/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//gi, 'URL to another origin'],
  ],
  js: [
    [/setAttribute\(\s*["']style["']/g, "setAttribute('style', …) (blocked by style-src)"],
    [/\beval\(|\bnew Function\(/g, 'eval / new Function (script-src has no unsafe-eval)'],
    [/\bfetch\(\s*["'`]https?:/g, 'fetch to an absolute URL'],
    [/\bimport\(\s*["'`]https?:/g, 'import from an absolute URL'],
  ],
  css: [
    [/@import\s+(?:url\()?\s*["']?https?:/gi, '@import from another origin'],
    [/url\(\s*["']?(?:https?:)?\/\//gi, 'url() to another origin'],
  ],
};

const problems = [];
const all = files(DIST);
for (const file of all) {
  const kind = file.endsWith('.html') ? 'html' : file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
  if (!kind) continue;
  const text = readFileSync(file, 'utf8');
  for (const [re, what] of RULES[kind]) {
    for (const m of text.matchAll(re)) problems.push(`${relative(DIST, file)}: ${what}: ${m[0].slice(0, 80)}`);
  }
}
if (!all.some((f) => f.endsWith(join('staff', 'index.html')))) problems.push('staff/index.html is missing from dist/');
if (problems.length) {
  console.error(`dist/ breaks the Content-Security-Policy:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`CSP check: ${all.length} files in dist/ comply`);
