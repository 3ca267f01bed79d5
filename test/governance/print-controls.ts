/**
 * Prints which AWS Control Tower controls the templates of a config pass and fail (the same check as
 * test/governance/control-tower.test.ts), for a config of your own before a deploy into a governed
 * account. Synthesizes with bundling off (a template's resources do not depend on the bundle).
 *
 *   npm run controls -- [config file, default synthetics.config.json]
 */
import { App } from 'aws-cdk-lib';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../../cli/config-file';
import { addMonitorStacks } from '../../lib/monitor-app';
import { checkControls } from './cfn-guard';

const configPath = resolve(process.argv[2] ?? DEFAULT_CONFIG_PATH);
const outdir = mkdtempSync(join(tmpdir(), 'autocrm-controls-'));
try {
  const app = new App({ outdir });
  addMonitorStacks(app, loadConfigFile(configPath), { bundle: false });
  app.synth();
  const templates = readdirSync(outdir)
    .filter((name) => name.endsWith('.template.json'))
    .map((name) => join(outdir, name));
  let failedChecks = 0;
  for (const report of checkControls(templates)) {
    failedChecks += report.failed.size;
    console.log(`${basename(report.template, '.template.json')}: ${report.passed.length} passed, ${report.failed.size} failed`);
    for (const [control, resources] of report.failed) console.log(`  FAIL ${control}  ${resources.join(', ')}`);
  }
  console.log(`${failedChecks} failed control checks (control × stack) in ${templates.length} templates of ${configPath}`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
