// Bundles the console with esbuild into the function's resources (target/classes/app/ by default):
//   node build.mjs [--out DIR]   the bundle: content-hashed ES modules split by route, one CSS file per entry,
//                                index.html naming them, and bundle.json (which files are hashed, what the first
//                                page loads and its gzipped size).
//   node build.mjs --tests       compiles test/*.test.ts (with the sources they import) and runs them with node --test.
// No dev server and no watch mode: `mvn package` (or this script) is the one way the bundle is made.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = name => { const at = args.indexOf(name); return at >= 0 ? args[at + 1] : undefined; };

// Pages loaded on demand: each its own entry point, so its file (and style sheet) carries the page's name.
const LAZY_PAGES = {
  ConfigPage: 'src/config/ConfigPage.tsx',
  EmergencyPage: 'src/emergency/EmergencyPage.tsx',
  TransferPage: 'src/transfer/TransferPage.tsx',
  CalendarsPage: 'src/calendars/CalendarsPage.tsx',
  CalendarPage: 'src/calendars/CalendarPage.tsx',
};

if (args.includes('--tests')) {
  process.exit(await runTests());
}
await bundle(resolve(web, option('--out') ?? '../target/classes/app'));

async function bundle(out) {
  mkdirSync(out, { recursive: true });
  // Only what an earlier bundle wrote: the resources Maven copied there (openapi.json) stay.
  const previous = readJson(join(out, 'bundle.json'));
  for (const file of [...(previous?.hashed ?? []), 'index.html', 'bundle.json']) rmSync(join(out, file), { force: true });

  const result = await esbuild.build({
    entryPoints: { main: join(web, 'src/main.tsx'), ...Object.fromEntries(Object.entries(LAZY_PAGES)
      .map(([name, file]) => [name, join(web, file)])) },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: out,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    minify: true,
    metafile: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.svg': 'file', '.woff': 'file', '.woff2': 'file', '.png': 'file' },
    logLevel: 'warning',
  });

  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs)
    .map(([path, output]) => [relative(out, resolve(path)).replace(/\\/g, '/'), output]));
  const main = Object.keys(outputs).find(name => outputs[name].entryPoint && name.startsWith('main-') && name.endsWith('.js'));
  const favicon = hashedCopy(join(web, 'public/favicon.svg'), out);

  // A chunk loaded by import() brings its own CSS file: esbuild does not load it, so the page names each lazy
  // chunk's style sheet and the app adds it (a <link> from 'self', allowed by the CSP) before the chunk runs.
  const lazyStyles = {};
  for (const [name, output] of Object.entries(outputs)) {
    if (name !== main && output.cssBundle) {
      lazyStyles[name] = relative(out, resolve(output.cssBundle)).replace(/\\/g, '/');
    }
  }
  const firstLoad = staticClosure(main, outputs, out);
  if (outputs[main].cssBundle) firstLoad.push(relative(out, resolve(outputs[main].cssBundle)).replace(/\\/g, '/'));
  const sizes = Object.fromEntries(firstLoad.map(name => {
    const bytes = readFileSync(join(out, name));
    return [name, { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }];
  }));
  const gzip = Object.values(sizes).reduce((sum, size) => sum + size.gzip, 0);

  const css = outputs[main].cssBundle ? relative(out, resolve(outputs[main].cssBundle)).replace(/\\/g, '/') : null;
  writeFileSync(join(out, 'index.html'), page({ main, css, favicon, lazyStyles }));
  const hashed = [...Object.keys(outputs), favicon];
  writeFileSync(join(out, 'bundle.json'), JSON.stringify({ page: 'index.html', main, css, favicon, hashed,
    firstLoad, firstLoadGzipBytes: gzip, sizes, lazyStyles }, null, 2) + '\n');
  console.log(`console bundle: ${hashed.length} files in ${out}; first page load ${firstLoad.length} files, `
    + `${(gzip / 1024).toFixed(0)} KiB gzipped`);
}

// The page: no inline script or style (the CSP allows neither); the lazy chunks' style sheets ride in a meta element.
function page({ main, css, favicon, lazyStyles }) {
  const styles = JSON.stringify(lazyStyles).replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Flow configs</title>
  <link rel="icon" type="image/svg+xml" href="app/${favicon}">
${css ? `  <link rel="stylesheet" href="app/${css}">\n` : ''}  <meta name="lazy-styles" content='${styles}'>
  <script type="module" src="app/${main}"></script>
</head>
<body>
  <div id="root"></div>
  <noscript>The flow config console needs JavaScript.</noscript>
</body>
</html>
`;
}

// The JS files the first page loads before it runs: the entry and what it imports statically, transitively.
function staticClosure(entry, outputs, out) {
  const seen = new Set();
  const visit = name => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) {
        visit(relative(out, resolve(imported.path)).replace(/\\/g, '/'));
      }
    }
  };
  visit(entry);
  return [...seen];
}

function hashedCopy(file, out) {
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const [stem, extension] = basename(file).split('.');
  const name = `${stem}-${hash}.${extension}`;
  writeFileSync(join(out, name), bytes);
  return name;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// Unit tests: each test/*.test.ts bundled for Node (so it may import src/ modules), then `node --test` on them all.
async function runTests() {
  const out = resolve(web, option('--out') ?? '../target/web-test');
  rmSync(out, { recursive: true, force: true });
  const tests = readdirSync(join(web, 'test')).filter(name => name.endsWith('.test.ts') || name.endsWith('.test.tsx'));
  if (tests.length === 0) {
    console.error('no test/*.test.ts files');
    return 1;
  }
  await esbuild.build({
    entryPoints: tests.map(name => join(web, 'test', name)),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  const files = readdirSync(out).filter(name => name.endsWith('.mjs')).map(name => join(out, name));
  const run = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
  return run.status ?? 1;
}
