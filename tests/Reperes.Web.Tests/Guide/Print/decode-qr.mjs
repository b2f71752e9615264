// Decodes the QR code of each file given (an SVG, rasterised by resvg, or a PNG screenshot) with jsQR, a real
// decoder, and prints one JSON line per file: {"file": …, "text": … or null}. Exit 0 when every file decodes, 1 when
// one does not.
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';

let failed = false;
for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  let width, height, pixels;
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    const png = PNG.sync.read(bytes);
    ({ width, height } = png);
    pixels = png.data;
  } else {
    // About 4 pixels a module, as a phone's camera sees a printed code.
    const rendered = new Resvg(bytes.toString('utf8'), { fitTo: { mode: 'width', value: 200 }, background: '#ffffff' }).render();
    ({ width, height } = rendered);
    pixels = rendered.pixels;
  }
  const code = jsQR(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length), width, height);
  failed ||= !code;
  console.log(JSON.stringify({ file, text: code ? code.data : null }));
}
process.exit(failed ? 1 : 0);
