// pdfjs_text.mjs - the text of a PDF as pdf.js (Firefox's reader, npm
// pdfjs-dist, pinned in tests/package.json) gives it to its find bar and to
// copy-paste: getTextContent's items in order, a newline where pdf.js ends a
// line (hasEOL), a form feed after each page.
//   node tests/pdfjs_text.mjs FILE.pdf > FILE.txt
import fs from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
let out = '';
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  for (const it of (await page.getTextContent()).items) {
    out += it.str;
    if (it.hasEOL) out += '\n';
  }
  out += '\n\f';
}
process.stdout.write(out);
