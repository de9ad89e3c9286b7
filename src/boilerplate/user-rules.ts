// A user's own rules file (--rules): parsed, compiled like the shipped rules, and every pattern
// checked for super-linear matching before it may run. Only this module loads the ReDoS checker, and
// only a run given user rules loads this module.
import { checkRegex, describeVerdict } from './regex-safety/analysis.js';
import { readRulesYaml, RuleError, type Rule, type RuleSpec } from './rules.js';

/** Parse a user's rules file (YAML). */
export function parseRulesFile(yamlText: string, origin: string): Rule[] {
  const { specs, rules } = readRulesYaml(yamlText, origin);
  refuseUnsafePatterns(specs, rules, origin);
  return rules;
}

/**
 * A user's rule whose pattern could take super-linear time on a hostile line (nested quantifiers,
 * overlapping alternatives, backreferences …) is refused, naming the file, the rule and the pattern.
 * Built-in rules are checked by the test suite instead (test/redos.test.ts), not at start-up.
 */
function refuseUnsafePatterns(specs: unknown, rules: readonly Rule[], origin: string): void {
  const list = (specs as { rules: ReadonlyArray<Partial<RuleSpec> | null> }).rules;
  rules.forEach((rule, i) => {
    const spec = list[i] ?? {};
    // line and list rules only see lines up to their maxLength; span rules see every line whole
    const maxInputLength = rule.scope === 'span' ? Infinity : rule.maxLength;
    for (const pattern of [...(spec.patterns ?? []), ...(spec.follow ?? []), ...(spec.close ?? [])]) {
      const verdict = checkRegex(pattern, rule.scope === 'span' ? 'gu' : 'u', { maxInputLength });
      if (!verdict.safe) {
        throw new RuleError(`${origin}: rule ${i + 1} (${rule.name}): pattern ${JSON.stringify(pattern)} refused as unsafe: ${describeVerdict(verdict)}`);
      }
    }
  });
}
