declare const __TSMODEL_VERSION__: string | undefined;

/** tsmodel's version, injected by the bundler; `0.0.0-dev` when running from sources. */
export const TSMODEL_VERSION =
  typeof __TSMODEL_VERSION__ === 'string' ? __TSMODEL_VERSION__ : '0.0.0-dev';
