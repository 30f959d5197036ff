import type { TsmodelError } from '../diagnostics';
import type { TemplatedDescription, YamlValueRenderer } from '../properties/yaml-rendering';
import { renderFailure } from '../properties/render-failure';
import { splitArgs } from '../templating/context-globals';
import type { RenderCapture } from '../templating/render-capture';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';
import type { DocsCatalog } from './docs-catalog';

/** `{{ doc('name') }}` or `{{ doc("package", "name") }}`, with or without spaces. */
const DOC_CALL = /\{\{\s*doc\(\s*(['"])(\w+)\1\s*(?:,\s*(['"])(\w+)\3\s*)?\)\s*\}\}/g;

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
        d.set(this.docCallsOnly(d.text) ?? this.render(d.packageName, d.text));
      } catch (err) {
        problems.push(renderFailure(err, d.location, undefined));
      }
    }
  }

  /**
   * A description whose only Jinja is `{{ doc('name') }}` calls (nearly all of them) is
   * resolved without compiling a template; undefined when it has other Jinja.
   */
  private docCallsOnly(text: string): string | undefined {
    const out = text.replace(DOC_CALL, (_, _q1, first: string, _q2, second?: string) => {
      const names = second === undefined ? [first] : [first, second];
      return this.docs.resolve(names, this.describing).block_contents;
    });
    return out.includes('{{') || out.includes('{%') ? undefined : out;
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
    // Keyed by text: the same template on many columns compiles once.
    const { sql, capture } = this.engine.render(
      owner,
      template,
      { isIncremental: false, execute: false },
      `yaml:${template}`,
    );
    this.captures.push(capture);
    return sql;
  }
}
