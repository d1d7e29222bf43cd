#!/usr/bin/env node
// Builds the installable plugin bundle in plugin/ (committed: installing a plugin never runs npm)
// and, with --tests, transpiles src/, hooks/, test/ and bench/ into .build/ for node --test.
//
// Reproducible on purpose: no timestamps, no absolute paths in the output, sorted inputs, so that
// a test can compare the committed plugin/ with a fresh build byte for byte.
import { build, transform } from 'esbuild';
import { mkdir, readFile, readdir, rename, rm, writeFile, copyFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const outRoot = args.has('--out') ? process.argv[process.argv.indexOf('--out') + 1] : join(repo, 'plugin');

/** Hook entry points: one self-contained bundle each, so a hook loads only what it needs. */
const hookEntries = ['session-start', 'pre-tool-use', 'post-tool-use', 'user-prompt-submit', 'session-end', 'deliver'];

async function listFiles(dir, suffix) {
  const out = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, suffix)));
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out;
}

async function writeIfChanged(path, content) {
  await mkdir(dirname(path), { recursive: true });
  try {
    if ((await readFile(path, 'utf8')) === content) return;
  } catch {
    /* absent: write it */
  }
  await writeFile(path, content);
}

async function bundlePlugin() {
  const dist = join(outRoot, 'dist');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    // Bundled CommonJS dependencies (ajv) call require(); give ESM output one.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    absWorkingDir: repo,
  };
  // Hooks need no require() shim: every dependency they bundle is ESM, and node:module costs start-up.
  const { banner: _banner, ...hookCommon } = common;
  const results = await Promise.all([
    // One build per hook, so that a hook is one file plus, at most, the chunk of the language it
    // resolves symbols in (splitting several entries together would make every hook load shared
    // chunks: more module files to read at every start-up). Identical chunks get identical names.
    ...hookEntries.map((h) =>
      build({
        ...hookCommon,
        entryPoints: { [`hooks/${h}`]: join(repo, 'hooks', `${h}.ts`) },
        outdir: dist,
        outExtension: { '.js': '.mjs' },
        splitting: true,
        chunkNames: 'hooks/chunks/[name]-[hash]',
      }),
    ),
    build({
      ...common,
      entryPoints: { mcp: join(repo, 'src/mcp/main.ts'), cli: join(repo, 'src/cli/main.ts'), 'summary-worker': join(repo, 'src/summarizer/catch-up-worker.ts') },
      outdir: dist,
      outExtension: { '.js': '.mjs' },
      banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
    }),
  ]);
  // The hooks module (src/mod/): one self-contained ES module for Claude Code's hooks worker, which
  // has no Node and loads no module holding `import()`; it reaches everything through `$`.
  const mod = await build({
    ...hookCommon,
    platform: 'neutral',
    target: 'es2022',
    // Not minified: `claude plugin validate` reads the module's source, and wants `register`, `on`
    // and `$` spelled as written.
    minify: false,
    entryPoints: { mod: join(repo, 'src/mod/main.ts') },
    outdir: join(outRoot, 'hooks'),
    outExtension: { '.js': '.js' },
  });
  for (const f of mod.outputFiles) {
    const text = Buffer.from(f.contents).toString('utf8');
    if (/\bimport\s*\(|from\s*"node:|require\(/.test(text)) throw new Error(`hooks module ${f.path} imports something Claude Code's hooks worker cannot load`);
  }
  results.push(mod);
  // Each file replaced atomically and stale ones removed afterwards, never `rm -rf dist` first:
  // sessions and test runs that use plugin/ while it is rebuilt must never find a file missing.
  const written = new Set();
  for (const r of results) {
    for (const f of r.outputFiles) {
      written.add(f.path);
      await mkdir(dirname(f.path), { recursive: true });
      try {
        if ((await readFile(f.path)).equals(Buffer.from(f.contents))) continue;
      } catch {
        /* new file */
      }
      const tmp = `${f.path}.tmp-${process.pid}`;
      await writeFile(tmp, f.contents);
      await rename(tmp, f.path);
    }
  }
  for (const f of await listFiles(dist, '')) if (!written.has(f) && !f.includes('.tmp-')) await rm(f, { force: true });
  await rm(join(outRoot, 'hooks/warm.sh'), { force: true }); // the FIFO client the module replaced
}

async function writeManifests() {
  const manifest = JSON.parse(await readFile(join(repo, 'plugin.json'), 'utf8'));
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  // One version for the npm package and the plugin: the install cache is keyed by it.
  manifest.version = pkg.version;
  await writeIfChanged(join(outRoot, '.claude-plugin/plugin.json'), JSON.stringify(manifest, null, 2) + '\n');
  const hooks = await readFile(join(repo, 'hooks/hooks.json'), 'utf8');
  await writeIfChanged(join(outRoot, 'hooks/hooks.json'), JSON.stringify(JSON.parse(hooks), null, 2) + '\n');
  const mcp = { mcpServers: { sync: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/dist/mcp.mjs'] } } };
  await writeIfChanged(join(outRoot, '.mcp.json'), JSON.stringify(mcp, null, 2) + '\n');
  const commands = new Set();
  for (const f of await listFiles(join(repo, 'commands'), '.md')) {
    const dest = join(outRoot, 'commands', relative(join(repo, 'commands'), f));
    commands.add(dest);
    await writeIfChanged(dest, await readFile(f, 'utf8'));
  }
  for (const f of await listFiles(join(outRoot, 'commands'), '')) if (!commands.has(f)) await rm(f, { force: true });
  for (const f of ['README.md', 'LICENSE']) {
    try {
      await writeIfChanged(join(outRoot, f), await readFile(join(repo, f), 'utf8'));
    } catch {
      /* optional until written */
    }
  }
  for (const f of ['assets/icon.png']) {
    try {
      await stat(join(repo, f));
      await mkdir(join(outRoot, '.claude-plugin'), { recursive: true });
      await copyFile(join(repo, f), join(outRoot, '.claude-plugin/icon.png'));
    } catch {
      /* optional */
    }
  }
  for (const f of await listFiles(join(repo, 'schema'), '.json')) {
    await writeIfChanged(join(outRoot, 'schema', relative(join(repo, 'schema'), f)), await readFile(f, 'utf8'));
  }
}

/** Transpile (not bundle) TypeScript sources and tests into .build/ so node --test can run them. */
async function transpileForTests() {
  // Not wiped first: several engineers may build and test at once in one checkout.
  const out = join(repo, '.build');
  for (const dir of ['src', 'hooks', 'test', 'bench', 'demo']) {
    for (const f of await listFiles(join(repo, dir), '.ts')) {
      if (f.endsWith('.d.ts')) continue;
      const r = await transform(await readFile(f, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
        sourcefile: f,
        sourcemap: 'inline',
      });
      const dest = join(out, relative(repo, f)).replace(/\.ts$/, '.js');
      await mkdir(dirname(dest), { recursive: true });
      await writeFile(dest, r.code);
    }
  }
  for (const f of await listFiles(join(repo, 'src/generated'), '.js')) {
    const dest = join(out, relative(repo, f));
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(f, dest);
  }
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
}

/**
 * Precompile the JSON Schemas into standalone validator code, so hooks validate their input with
 * ajv's checks without loading ajv itself (its compiler costs tens of ms at every tool call).
 */
async function generateValidators() {
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  // Documentation keys are for people reading the shipped schema; the generated code embeds the
  // schema objects, and every hook parses them at start-up.
  // (Inside `properties` the keys are field names: a field called `title` or `description` stays.)
  const strip = (v, fields = false) =>
    Array.isArray(v)
      ? v.map((x) => strip(x))
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([k]) => fields || (k !== 'description' && k !== 'title')).map(([k, x]) => [k, strip(x, k === 'properties' && !fields)]))
        : v;
  const schemas = {
    validateHookInput: strip(JSON.parse(await readFile(join(repo, 'schema/hook-input.schema.json'), 'utf8'))),
    validateConfig: strip(JSON.parse(await readFile(join(repo, 'schema/config.schema.json'), 'utf8'))),
    validateDigest: strip(JSON.parse(await readFile(join(repo, 'schema/digest.schema.json'), 'utf8'))),
  };
  const ajv = new Ajv({ code: { source: true, esm: true, lines: false }, allErrors: false, strict: false, messages: true });
  const refs = {};
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema(schema);
    refs[name] = schema.$id;
  }
  // Standalone code require()s ajv's small runtime helpers; as ESM imports they work both bundled
  // and in the transpiled test tree.
  const deps = [];
  const code = standaloneCode(ajv, refs).replace(/require\("([^"]+)"\)/g, (_m, mod) => {
    deps.push(mod);
    return `__dep${deps.length - 1}.default`;
  });
  const imports = deps.map((mod, i) => `import * as __dep${i} from ${JSON.stringify(mod.endsWith('.js') ? mod : mod + '.js')};`).join('\n');
  const header = '// Generated by scripts/build.mjs from schema/*.json: do not edit.\n// @ts-nocheck\n';
  await writeIfChanged(join(repo, 'src/generated/validators.js'), header + imports + '\n' + code.replace(/^"use strict";/, '') + '\n');
  const dts = Object.keys(schemas)
    .map((n) => `export declare const ${n}: ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };`)
    .join('\n');
  await writeIfChanged(join(repo, 'src/generated/validators.d.ts'), dts + '\n');
}

await mkdir(outRoot, { recursive: true });
await generateValidators();
await bundlePlugin();
await writeManifests();
if (args.has('--tests')) await transpileForTests();
