import type { TsmodelError } from '../diagnostics';
import type { TemplatedDescription, YamlValueRenderer } from '../properties/yaml-rendering';
import { renderFailure } from '../properties/render-failure';
import { splitArgs } from '../templating/context-globals';
import type { RenderCapture } from '../templating/render-capture';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';
import type { DocsCatalog } from './docs-catalog';

/**
 * Renders the templated values of properties files with the engine that renders models, so
 * `var`, `env_var` and `target` mean the same there: source names and schemas, `config:`
 * values and test configs at parse, and descriptions — with `doc()` — once the docs blocks are
 * known. What each render read is kept, so a reused manifest notices a changed env var here
 * as it does in a model.
 */
export class YamlTemplates {
  /** What the renders read (env vars, the clock), for the manifest-reuse fingerprint. */
  readonly captures: RenderCapture[] = [];
  /** The package whose description is rendering: `doc('name')` searches it after the root. */
  private describing = '';

  constructor(
    private readonly engine: TemplateEngine,
    private readonly docs: DocsCatalog,
  ) {
    engine.env.addGlobal('doc', (...args: unknown[]) => {
      const names = splitArgs(args).positional.map(String);
      return this.docs.resolve(names, this.describing).block_contents;
    });
  }

  /** Renders values of `packageName`'s properties files (vars scoped to that package). */
  valueRenderer(packageName: string): YamlValueRenderer {
    return (template) => this.render(packageName, template);
  }

  /** Renders every templated description in place; a failure is reported at its YAML line. */
  renderDescriptions(descriptions: readonly TemplatedDescription[], problems: TsmodelError[]) {
    for (const d of descriptions) {
      this.describing = d.packageName;
      try {
        d.set(this.render(d.packageName, d.text));
      } catch (err) {
        problems.push(renderFailure(err, d.location, undefined));
      }
    }
  }

  private render(packageName: string, template: string): string {
    const owner: RenderTarget = {
      uniqueId: `project.${packageName}`,
      name: packageName,
      packageName,
      resourceType: 'project',
      file: 'properties',
      baseConfig: {},
    };
    const { sql, capture } = this.engine.render(owner, template, {
      isIncremental: false,
      execute: false,
    });
    this.captures.push(capture);
    return sql;
  }
}
