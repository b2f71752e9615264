// Validates answers of the HSDS API with ajv, the reference JSON Schema validator (draft 2020-12, the dialect of
// HSDS 3.0's openapi.json, with formats), against the HSDS 3.0 schemas copied in Schemas/hsds-3.0.
// Usage: node validate-hsds.mjs <answers.json>
//   answers.json: [{ "kind": "meta" | "service" | "organization" | "service_at_location" | "taxonomy" | "taxonomy_term",
//                    "page": true when the body is a Page of that kind, "url": "/api/hsds/…", "body": <JSON value> }, …]
// Prints a JSON array of errors ({ index, url, path, message }), empty when all are valid; exit code 1 on errors.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// ajv is installed next to the test project's package.json (npm ci at build).
const require = createRequire(join(here, "..", "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [answersFile, schemasFolder = join(here, "Schemas", "hsds-3.0")] = process.argv.slice(2);
if (!answersFile) {
  console.error("usage: node validate-hsds.mjs <answers.json> [schemas folder]");
  process.exit(2);
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The files declare no $id: each gets its file name, so that relative references ("phone.json") resolve.
for (const file of readdirSync(schemasFolder).filter((f) => f.endsWith(".json"))) {
  const schema = JSON.parse(readFileSync(join(schemasFolder, file), "utf8"));
  ajv.addSchema({ ...schema, $id: file });
}

const kinds = ["service", "organization", "service_at_location", "taxonomy", "taxonomy_term"];
const pageFields = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"];
const validators = new Map();
const validatorFor = (kind, page) => {
  const key = `${kind}:${page}`;
  if (!validators.has(key)) {
    let schema;
    if (kind === "meta") {
      schema = { $ref: "openapi.json#/paths/~1/get/responses/200/content/application~1json/schema", required: ["version", "openapi_url"] };
    } else if (!kinds.includes(kind)) {
      throw new Error(`unknown kind ${kind}`);
    } else if (page) {
      // The Page wrapper of openapi.json, with every field present and the contents of that kind.
      schema = {
        allOf: [{ $ref: "openapi.json#/components/schemas/Page" }],
        required: pageFields,
        properties: { contents: { type: "array", items: { $ref: `${kind}.json` } } },
      };
    } else {
      schema = { $ref: `${kind}.json` };
    }
    validators.set(key, ajv.compile(schema));
  }
  return validators.get(key);
};

const errors = [];
for (const [index, answer] of JSON.parse(readFileSync(answersFile, "utf8")).entries()) {
  const validate = validatorFor(answer.kind, answer.page === true);
  if (!validate(answer.body)) {
    for (const e of validate.errors) {
      errors.push({ index, url: answer.url ?? null, path: e.instancePath, message: `${e.message} ${JSON.stringify(e.params)}` });
    }
  }
}

console.log(JSON.stringify(errors));
process.exit(errors.length === 0 ? 0 : 1);
