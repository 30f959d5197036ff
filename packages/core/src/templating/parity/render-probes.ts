import { TemplateEngine, type RenderTarget } from '../template-engine';
import type { Probe } from './probe';

/** What tsmodel made of a probe: its output, or the message of the error it raised. */
export type ProbeResult = { out: string } | { error: string };

const TARGET: RenderTarget = {
  uniqueId: 'model.probe.probe',
  name: 'probe',
  packageName: 'probe',
  resourceType: 'model',
  file: 'models/probe.sql',
  baseConfig: {},
};

/** Renders a probe exactly as a model of a project whose macros are the probe's macros. */
export function renderProbe(probe: Probe): ProbeResult {
  const engine = new TemplateEngine({
    rootProject: 'probe',
    target: { type: 'postgres', name: 'dev', profile_name: 'p', schema: 'analytics', threads: 1 },
    dialect: { type: 'postgres', dispatchOrder: ['postgres'], quoteCharacter: '"' },
    vars: () => ({ found: false }),
    env: {},
    dispatch: [],
    invocationId: 'probe',
    runStartedAt: new Date('2024-05-06T07:08:09Z'),
  });
  try {
    const problems = probe.macros
      ? engine.loadMacros([{ packageName: 'probe', path: 'macros/probe.sql', text: probe.macros }])
      : [];
    if (problems.length > 0) return { error: problems[0]!.message };
    for (const [name, value] of Object.entries(probe.context ?? {}))
      engine.env.addGlobal(name, value);
    return {
      out: engine.render(TARGET, probe.template, { isIncremental: false, execute: true }).sql,
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
