// struct_order.mjs - is the structure tree's text the edition's, in order?
//   node tests/struct_order.mjs SEED.txt STRUCT.txt
// STRUCT is `pdfinfo -struct-text` output (each content's text quoted, in
// tree order). SEED is tests/fixtures/seed.txt: the source's texts in its
// order: the cover lines, the contents (two columns side by side: entries
// are taken in page order, as the contents' reading order is the left column
// then the right), then per project the overview and the cards. White space
// is ignored; every non-empty seed cell (paragraphs split at <p>) must be
// found after the one before it. Prints "N texts in order, M not" and the
// first out of place; exit 1 if any.
import fs from 'node:fs';

const [seedPath, structPath] = process.argv.slice(2);
const squash = s => s.replace(/<\/?p>/g, '').replace(/\s+/g, '');
const tree = [...fs.readFileSync(structPath, 'utf8').matchAll(/^\s*"(.*)"\s*$/gm)]
  .map(m => m[1]).join('').replace(/\s+/g, '');

const seed = fs.readFileSync(seedPath, 'utf8').split('\n');
const tocRow = l => /\t…\s*\d+/.test(l);   // a contents row: an entry and its page
const firstToc = seed.findIndex(tocRow), lastToc = seed.length - 1 - [...seed].reverse().findIndex(tocRow);
const want = [];
for (const l of seed.slice(0, firstToc)) if (squash(l)) want.push(squash(l));
const entries = [];
for (const l of seed.slice(firstToc, lastToc + 1)) {
  const c = l.split('\t');
  for (let k = 0; k + 1 < c.length; k += 2) {
    const page = c[k + 1].match(/…\s*(\d+)/);
    if (page && squash(c[k])) entries.push([+page[1], entries.length, squash(c[k]) + page[1]]);
  }
}
entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
for (const e of entries) want.push(e[2]);
for (const l of seed.slice(lastToc + 1))
  for (const cell of l.split('\t'))
    for (const t of cell.split(/<p>/)) if (squash(t)) want.push(squash(t));

let at = 0, bad = [];
for (const w of want) {
  const i = tree.indexOf(w, at);
  if (i < 0) bad.push(w); else at = i + w.length;
}
console.log(`${want.length - bad.length} texts in order, ${bad.length} not (${entries.length} contents entries)`);
for (const b of bad.slice(0, 5)) console.log(`  not in order: ${b.slice(0, 80)}`);
process.exit(bad.length ? 1 : 0);
