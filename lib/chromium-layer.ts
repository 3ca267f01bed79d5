import { DockerImage, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { browserModulesHash, stageBrowserModules, stagePlaceholder } from './browser-modules';
import { REPO_ROOT } from './paths';

/** Props of {@link ChromiumLayer}. */
export interface ChromiumLayerProps {
  /**
   * Copy the real modules into the layer. Off in unit tests: a one-file placeholder keeps synth fast.
   * @default true
   */
  readonly bundle?: boolean;
  /**
   * The `node_modules` folder the layer is built from.
   * @default `<repo>/node_modules`
   */
  readonly nodeModulesDir?: string;
}

/**
 * A Lambda layer with `@sparticuz/chromium` and `playwright-core` (and their run-time dependencies)
 * under `nodejs/node_modules`, built by copying files from the local `node_modules`: synth needs
 * neither Docker nor network, and the versions are the ones pinned in package-lock.json.
 */
export class ChromiumLayer extends Construct {
  /** The layer version to attach to the probe function. */
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string, props: ChromiumLayerProps = {}) {
    super(scope, id);
    this.layer = this.createLayer(props.bundle ?? true, props.nodeModulesDir ?? join(REPO_ROOT, 'node_modules'));
  }

  private createLayer(bundle: boolean, nodeModulesDir: string): LayerVersion {
    const code = Code.fromAsset(join(nodeModulesDir, '@sparticuz', 'chromium'), {
      // The copy is keyed by the package versions, so the ~80 MB are neither hashed nor copied twice.
      assetHash: bundle ? browserModulesHash(nodeModulesDir) : 'browser-layer-placeholder',
      bundling: {
        // Never pulled: tryBundle always succeeds locally. CDK requires an image in the options.
        image: DockerImage.fromRegistry('local-bundling-only'),
        local: {
          tryBundle(outputDir: string): boolean {
            if (bundle) stageBrowserModules(nodeModulesDir, outputDir);
            else stagePlaceholder(outputDir);
            return true;
          },
        },
      },
    });
    return new LayerVersion(this, 'Layer', {
      code,
      compatibleRuntimes: [Runtime.NODEJS_22_X],
      compatibleArchitectures: [Architecture.X86_64],
      description: 'Headless Chromium (@sparticuz/chromium) and playwright-core for the autocrm probe',
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
