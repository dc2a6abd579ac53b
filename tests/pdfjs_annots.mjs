// pdfjs_annots.mjs - the comments and links of a PDF as pdf.js (Firefox's
// reader) reads them, one line each, tab-separated:
//   comment PAGE SUBTYPE CONTENTS TEXT   (TEXT: what the page shows inside the
//                                          comment's rectangle, spaces dropped)
//   link PAGE TARGET-PAGE                 (pages from 1)
//   node tests/pdfjs_annots.mjs FILE.pdf
import fs from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
let out = '';
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const items = (await page.getTextContent()).items;
  for (const a of await page.getAnnotations()) {
    if (a.subtype === 'Link') {
      const ref = Array.isArray(a.dest) ? a.dest[0] : null;
      const target = ref ? await doc.getPageIndex(ref) + 1 : 0;
      out += `link\t${i}\t${target}\n`;
      continue;
    }
    const [x1, y1, x2, y2] = a.rect;
    // text items whose baseline lies inside the rectangle and that overlap it
    let text = '';
    for (const it of items) {
      const x = it.transform[4], y = it.transform[5];
      if (y >= y1 && y <= y2 && x < x2 && x + it.width > x1) text += it.str;
    }
    const contents = (a.contentsObj && a.contentsObj.str) || '';
    out += `comment\t${i}\t${a.subtype}\t${contents}\t${text.replace(/\s+/g, '')}\n`;
  }
}
process.stdout.write(out);
