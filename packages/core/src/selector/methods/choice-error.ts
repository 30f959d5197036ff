import { closestMatch } from '../../did-you-mean';
import { TsmodelError } from '../../diagnostics';

/**
 * The error for a selector value outside a closed set (methods, resource types, state checks,
 * selector names): names the valid choices and suggests the nearest one when it is close.
 */
export function invalidChoice(init: {
  code: string;
  what: string;
  given: string;
  choices: readonly string[];
  hint?: string;
  /** The text the value came from, when it is more than the value (e.g. the whole atom). */
  context?: string;
}): TsmodelError {
  const { code, what, given, choices } = init;
  const near = closestMatch(given, choices);
  const suggestion = near !== undefined ? `did you mean '${near}'? ` : '';
  return new TsmodelError({
    code,
    message: `unknown ${what} '${given}'${init.context ? ` in '${init.context}'` : ''}`,
    hint: `${suggestion}${init.hint ?? `valid: ${choices.join(', ')}`}`,
  });
}
