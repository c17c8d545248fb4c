// The shape of the code, kept: stages behind their front doors, no circle of imports, short
// functions, one module that loads and validates data, no unused export. Read from the
// sources themselves (the TypeScript compiler's parser, and knip for unused exports).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from './project.js';

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(n)) out.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'templates'));
  return out;
}

/** A module's folder as the architecture counts it: src/<stage>, templates, or the file itself. */
const folderOf = (rel: string) => {
  const parts = rel.split('/');
  return parts[0] === 'templates' ? 'templates' : parts.length > 2 ? `${parts[0]}/${parts[1]}` : rel.replace(/\.tsx?$/, '');
};

/** Every relative import (static, dynamic, type-only) of every source file: [from, to]. */
function imports(): [string, string][] {
  const found: [string, string][] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      let spec: string | undefined;
      if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) spec = n.moduleSpecifier.text;
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(n.arguments[0]!)) spec = (n.arguments[0] as ts.StringLiteral).text;
      if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) spec = n.argument.literal.text;
      if (spec?.startsWith('.')) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, '');
        const to = [`${target}.ts`, `${target}.tsx`].find((p) => { try { return statSync(p).isFile(); } catch { return false; } });
        if (to) found.push([relative(ROOT, file), relative(ROOT, to)]);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return found;
}

describe('structure', () => {
  it('every stage is entered by its front door: other folders import only its index.ts', () => {
    const inFolder = (rel: string) => folderOf(rel) !== rel.replace(/\.tsx?$/, '');
    const sideDoors = imports().filter(([from, to]) => folderOf(from) !== folderOf(to) && inFolder(to) && !/\/index\.tsx?$/.test(to));
    expect(sideDoors.map(([f, t]) => `${f} -> ${t}`)).toEqual([]);
  });

  it('no circle of imports between files, type-only imports included, and none between folders', () => {
    const edges = imports();
    const cycles = (nodes: (f: string) => string) => {
      const next = new Map<string, Set<string>>();
      for (const [a, b] of edges) if (nodes(a) !== nodes(b)) (next.get(nodes(a)) ?? next.set(nodes(a), new Set()).get(nodes(a))!).add(nodes(b));
      const found: string[] = [];
      const state = new Map<string, 'open' | 'done'>();
      const visit = (n: string, path: string[]) => {
        if (state.get(n) === 'done') return;
        if (state.get(n) === 'open') return void found.push([...path.slice(path.indexOf(n)), n].join(' -> '));
        state.set(n, 'open');
        for (const m of next.get(n) ?? []) visit(m, [...path, n]);
        state.set(n, 'done');
      };
      for (const n of next.keys()) visit(n, []);
      return found;
    };
    expect(cycles((f) => f), 'between files').toEqual([]);
    expect(cycles(folderOf), 'between folders').toEqual([]);
  });

  it('no function in src/ is longer than 120 lines', () => {
    const long: string[] = [];
    const files = [...sourceFiles(), ...readdirSync(join(ROOT, 'src', 'studio', 'app')).filter((f) => f.endsWith('.js')).map((f) => join(ROOT, 'src', 'studio', 'app', f))];
    for (const file of files.filter((f) => relative(ROOT, f).startsWith('src/'))) {
      const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node) => {
        if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body) {
          const lines = src.getLineAndCharacterOfPosition(n.end).line - src.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          if (lines > 120) long.push(`${relative(ROOT, file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1} (${lines} lines)`);
        }
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(long).toEqual([]);
  });

  it('only the workspace (src/pipeline) loads and validates data; load and validate are imported by nobody else', () => {
    const users = imports().filter(([from, to]) => /^src\/(load|validate)\//.test(to) && !/^src\/(load|validate|pipeline)\//.test(from));
    // Type-only imports describe the data's shape; they load nothing.
    const loading = users.filter(([from, to]) => {
      const text = readFileSync(join(ROOT, from), 'utf8');
      const spec = relative(dirname(join(ROOT, from)), join(ROOT, to)).replace(/\.tsx?$/, '.js');
      return new RegExp(`import\\s+(?!type\\b)[^;]*from '(\\./)?${spec.replace(/[.\\/]/g, (c) => `\\${c}`)}'|import\\('(\\./)?${spec.replace(/[.\\/]/g, (c) => `\\${c}`)}'\\)`).test(text);
    });
    expect(loading.map(([f, t]) => `${f} -> ${t}`)).toEqual([]);
  });

  it('exports nothing that nothing uses (knip, pinned in package.json)', () => {
    const knip = join(ROOT, 'node_modules', 'knip', 'bin', 'knip.js');
    const r = spawnSync(process.execPath, [knip, '--no-progress', '--no-config-hints'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
