import { didYouMean } from '../did-you-mean';
import { TsmodelError } from '../diagnostics';
import { discoverAdapterPlugin, pluginPackageName } from './plugin-discovery';
import type { AdapterPlugin } from './plugin';

/**
 * The adapters an invocation can use, by profile `type`: the plugins registered up front (the
 * CLI's built-ins) and, for any other type, the package found in the project's `node_modules`.
 * Core only ever reads plugins out of a registry it is given.
 */
export class AdapterRegistry {
  private readonly plugins = new Map<string, AdapterPlugin>();

  constructor(plugins: Iterable<AdapterPlugin> = []) {
    for (const plugin of plugins) this.register(plugin);
  }

  register(plugin: AdapterPlugin): void {
    this.plugins.set(plugin.type, plugin);
  }

  /** Registered types, sorted (discovered ones once found). */
  types(): string[] {
    return [...this.plugins.keys()].sort();
  }

  /**
   * The plugin for `type`: registered, else discovered from `projectRoot` (and remembered). An
   * unknown type is a user error naming the registered types and the package to install.
   */
  async plugin(type: string, projectRoot: string): Promise<AdapterPlugin> {
    const known = this.plugins.get(type);
    if (known) return known;
    const found = await discoverAdapterPlugin(type, projectRoot);
    if (found) {
      this.register(found);
      return found;
    }
    const supported = this.types();
    const suggested = didYouMean(type, supported);
    throw new TsmodelError({
      code: 'unknown-adapter',
      message: `unknown adapter type '${type}'; built in: ${supported.join(', ')}`,
      hint:
        `set type: to one of ${supported.join(', ')}${suggested ? ` (${suggested})` : ''}, ` +
        `or install the adapter package ${pluginPackageName(type)} (or @<scope>/${pluginPackageName(type)}) in the project`,
    });
  }
}
