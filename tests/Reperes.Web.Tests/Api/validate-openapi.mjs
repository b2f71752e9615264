// Validates the application's OpenAPI document with swagger-parser (structure of OpenAPI 3.0/3.1), then each
// response body given against the schema the document declares for it (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
// Usage: node validate-openapi.mjs <openapi.json> <responses.json>
//   responses.json: [{ "path": "/api/v1/structures/{id}", "status": "200", "body": <JSON value> }, ...]
// Prints { "document": [errors], "responses": [{ "index": n, "errors": [...] }] } and exits 1 when any error is found.
import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [documentFile, responsesFile] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentFile, "utf8"));
const result = { document: [], responses: [] };

try {
  // validate() dereferences a copy; the original keeps its $refs for ajv below.
  await SwaggerParser.validate(structuredClone(document));
} catch (error) {
  result.document.push(String(error.message ?? error));
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// Formats of OpenAPI's data types: checked by "type" already.
for (const format of ["int32", "int64", "double", "float"]) ajv.addFormat(format, true);
ajv.addSchema(document, "openapi");

const pointer = (segments) => segments.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
for (const [index, check] of JSON.parse(readFileSync(responsesFile, "utf8")).entries()) {
  // Successes are application/json, errors application/problem+json.
  const content = document.paths?.[check.path]?.get?.responses?.[check.status]?.content ?? {};
  const mediaType = ["application/json", "application/problem+json"].find((t) => t in content) ?? "application/json";
  const ref = "openapi#/" + pointer(["paths", check.path, "get", "responses", check.status, "content", mediaType, "schema"]);
  let validate;
  try {
    validate = ajv.compile({ $ref: ref });
  } catch (error) {
    result.responses.push({ index, errors: [`no schema at ${ref}: ${error.message}`] });
    continue;
  }
  if (!validate(check.body)) result.responses.push({ index, errors: validate.errors });
}

process.stdout.write(JSON.stringify(result));
process.exit(result.document.length + result.responses.length > 0 ? 1 : 0);
