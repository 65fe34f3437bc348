import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface ShellBlock {
  file: string;
  line: number;
  code: string;
  /** Why the block is not run, from the comment `<!-- not run by the tests: … -->` right above it. */
  notRun?: string;
}

const NOT_RUN = /^\s*<!-- not run by the tests: (.+?) -->\s*$/;

/** The README and every Markdown file under docs/. */
export function documents(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
    );
  return [join(ROOT, 'README.md'), ...walk(join(ROOT, 'docs')).sort()];
}

/** Every ```sh block of a Markdown file, indented ones (inside a list) included, dedented as pasted. */
export function shellBlocks(path: string): ShellBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```sh\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1];
    const end = lines.findIndex((l, j) => j > i && l === `${indent}\`\`\``);
    if (end < 0) throw new Error(`${path}:${i + 1}: a shell block that never closes`);
    const code = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    const above = lines
      .slice(0, i)
      .reverse()
      .find((l) => l.trim() !== '');
    blocks.push({ file: relative(ROOT, path), line: i + 1, code, notRun: above && NOT_RUN.exec(above)?.[1] });
    i = end;
  }
  return blocks;
}
