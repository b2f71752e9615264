// Validates an Atom document against RFC 4287's RELAX NG schema with libxml2 (xmllint compiled to WebAssembly).
// Usage: node validate-atom.mjs <feed.xml>. Prints { "valid": bool, "errors": [messages] }; exits 1 when invalid.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const schemaFile = fileURLToPath(new URL("./Schemas/atom/atom.rng", import.meta.url));
const result = await validateXML({
  xml: [{ fileName: "feed.xml", contents: readFileSync(process.argv[2], "utf8") }],
  schema: [readFileSync(schemaFile, "utf8")],
  extension: "relaxng",
});
process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors.map((e) => e.rawMessage) }));
process.exit(result.valid ? 0 : 1);
