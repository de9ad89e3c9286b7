// The seed pages the fuzzers mutate: every fixture page (plain text, Markdown, HTML), as text.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

/** Every fixtures/<group>/<case>/input.* that is UTF-8, with its name. */
export function loadSeeds(groups = ['pages', 'outline', 'markdown-html', 'encodings']) {
  const seeds = [];
  const add = (name, path) => {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('\uFFFD')) seeds.push({ name, text });
  };
  for (const group of groups) {
    const root = join(FIXTURES, group);
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isFile() && /\.(txt|md|html)$/u.test(entry.name)) add(`${group}/${entry.name}`, join(root, entry.name));
      if (!entry.isDirectory()) continue;
      for (const file of readdirSync(join(root, entry.name)).sort()) {
        if (/^input\.(txt|md|html)$/u.test(file)) add(`${group}/${entry.name}/${file}`, join(root, entry.name, file));
      }
    }
  }
  return seeds;
}
