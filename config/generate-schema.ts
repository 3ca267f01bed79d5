/**
 * Regenerates the files derived from the config spec (lambdas/core/config/schema*.ts):
 *   config/synthetics.schema.json   the JSON Schema editors validate against
 *   docs/config.md                  the key table between the GENERATED markers
 * Run: npx tsx config/generate-schema.ts   (a unit test fails while either file is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { docsWithKeyTable } from '../lambdas/core/config/doc-table';
import { JSON_SCHEMA_PATH, schemaFileText } from '../lambdas/core/config/json-schema';

const DOCS_PATH = 'docs/config.md';

writeFileSync(JSON_SCHEMA_PATH, schemaFileText());
writeFileSync(DOCS_PATH, docsWithKeyTable(readFileSync(DOCS_PATH, 'utf8')));
console.log(`wrote ${JSON_SCHEMA_PATH} and the key table in ${DOCS_PATH}`);
