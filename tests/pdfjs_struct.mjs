// pdfjs_struct.mjs - a tagged PDF as pdf.js sees it (pdfjs-dist, pinned in
// tests/package.json): per page the structure tree from getStructTree with
// the text of each marked-content id, and what would break it.
//   node tests/pdfjs_struct.mjs FILE.pdf
// Prints one line per page, "page N: tree T unmarked U missing M links L",
// where T is the number of nodes of the page's structure tree, U the painting
// operators outside any marked content, M the content ids the tree names but
// the page lacks, L the links whose annotation has a /StructParent and is
// named in the tree; then "text:" and the tree's text in reading order
// (content ids in tree order, pages in order), one leaf a line.
import fs from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
const O = pdfjs.OPS;
const paint = new Set([O.showText, O.showSpacedText, O.nextLineShowText,
  O.nextLineSetSpacingShowText, O.constructPath, O.fill, O.stroke, O.eoFill, O.fillStroke,
  O.eoFillStroke, O.paintImageXObject]);
const lines = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const text = {}, open = [];
  const content = await page.getTextContent({ includeMarkedContent: true });
  for (const it of content.items) {
    if (it.type?.startsWith('beginMarkedContent')) { open.push(it.id); if (it.id) text[it.id] = ''; }
    else if (it.type === 'endMarkedContent') open.pop();
    else { const id = open.filter(Boolean).pop(); if (id) text[id] += it.str; }
  }
  let depth = 0, loose = 0;
  for (const f of (await page.getOperatorList()).fnArray)
    if (f === O.beginMarkedContent || f === O.beginMarkedContentProps) depth++;
    else if (f === O.endMarkedContent) depth--;
    else if (!depth && paint.has(f)) loose++;
  const annots = (await page.getAnnotations()).filter(a => a.subtype === 'Link');
  const tree = await page.getStructTree();
  let nodes = 0, missing = 0;
  const objects = new Set();
  const walk = n => {
    nodes++;
    if (n.type === 'content') {
      if (!(n.id in text)) missing++;
      else lines.push(text[n.id]);
    } else if (n.type === 'object') objects.add(n.id);
    else if (n.alt !== undefined && n.role === 'Figure') lines.push(`[${n.alt}]`);
    (n.children || []).forEach(walk);
  };
  if (tree) walk(tree);
  const links = annots.filter(a => a.structParent >= 0 && objects.has(a.id)).length;
  console.log(`page ${i}: tree ${tree ? nodes : 0} unmarked ${loose} missing ${missing} links ${links}/${annots.length}`);
}
console.log('text:');
for (const l of lines) console.log(l);
