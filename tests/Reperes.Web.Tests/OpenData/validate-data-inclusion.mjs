// Validates data·inclusion v1 items with ajv, the reference JSON Schema validator (draft 2020-12, with formats).
// Usage: node validate-data-inclusion.mjs <structure|service> <items.json> [schemas folder]
// Prints a JSON array of errors ({ index, id, path, message }), empty when every item is valid; exit code 1 on errors.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// ajv is installed next to the test project's package.json (npm ci at build), or copied beside this script.
const require = createRequire(join(here, "..", "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [kind, itemsFile, schemasFolder = join(here, "Schemas", "data-inclusion-v1")] = process.argv.slice(2);
if (!["structure", "service"].includes(kind) || !itemsFile) {
  console.error("usage: node validate-data-inclusion.mjs <structure|service> <items.json> [schemas folder]");
  process.exit(2);
}

const schema = JSON.parse(readFileSync(join(schemasFolder, `${kind}.json`), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const items = JSON.parse(readFileSync(itemsFile, "utf8"));
const errors = [];
if (!Array.isArray(items)) {
  errors.push({ index: null, id: null, path: "", message: "the export is not a JSON array" });
} else {
  items.forEach((item, index) => {
    if (!validate(item)) {
      for (const e of validate.errors) {
        errors.push({ index, id: item?.id ?? null, path: e.instancePath, message: `${e.message} ${JSON.stringify(e.params)}` });
      }
    }
  });
}

console.log(JSON.stringify(errors));
process.exit(errors.length === 0 ? 0 : 1);
