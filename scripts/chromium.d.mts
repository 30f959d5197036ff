import type { BrowserContext } from 'playwright-core';

export function chromiumPath(env?: NodeJS.ProcessEnv): string;
export function chromiumAvailable(env?: NodeJS.ProcessEnv): boolean;
export function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
