// Rewrites the policy table in docs/security.md from src/core/access-policy.ts (run after `npm run build`).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { withPolicyTable } = require('../dist/cli/security-doc');

const file = join(__dirname, '../docs/security.md');
writeFileSync(file, withPolicyTable(readFileSync(file, 'utf8')));
console.log('docs/security.md: policy table updated');
