// Prints the text of each page of a PDF (Mozilla's PDF.js), as a JSON array of strings: what paper shows, page by page.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const document = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), disableFontFace: true, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= document.numPages; number++) {
  const content = await (await document.getPage(number)).getTextContent();
  pages.push(content.items.map(item => item.str + (item.hasEOL ? '\n' : ' ')).join(''));
}
console.log(JSON.stringify(pages));
