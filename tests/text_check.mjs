// text_check.mjs - does a reader give back the source's texts exactly?
//   node tests/text_check.mjs SEED.txt READER.txt
// SEED is tests/fixtures/seed.txt (the source's cells, tab-separated, <p>
// between paragraphs). Every paragraph with Japanese in it, at least two
// characters long, must be found in the reader's text with exactly its own
// characters and spaces. The only freedom is where the PDF has a line break:
// there the reader may put a newline (and blank lines, and spaces before or
// after it, as pdftotext and mutool do), and a source space at a line break
// may be that newline (the layout drops a space at a line end). A space the
// reader invents inside a line (令和 6 年度, 、 の) is a mismatch.
// Prints "N texts, M not found" and the first ones not found; exit 1 if any.
import fs from 'node:fs';

const [seedPath, textPath] = process.argv.slice(2);
const texts = new Set();
for (const line of fs.readFileSync(seedPath, 'utf8').split('\n'))
  for (const cell of line.split('\t'))
    for (let t of cell.split(/<\/?p>/)) {
      t = t.trim();
      if (/[\u3000-\u9fff\uff00-\uffef]/u.test(t) && [...t].length >= 2) texts.add(t);
    }
const text = fs.readFileSync(textPath, 'utf8').replace(/\f/g, '\n');
const esc = c => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const brk = ' *\\n[ \\n]*';                 // a line break as readers write it
const missing = [];
for (const t of texts) {
  const re = new RegExp([...t].map(c => c === ' ' ? `(?:${brk}| )` : esc(c)).join(`(?:${brk})?`), 'u');
  if (!re.test(text)) missing.push(t);
}
console.log(`${texts.size} texts, ${missing.length} not found`);
for (const t of missing.slice(0, 10)) console.log(`  not found: ${t}`);
process.exit(missing.length ? 1 : 0);
