import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the test browser: the shared accessibility check every browser e2e test calls
 * where it takes a screenshot. axe comes from npm (a devDependency) and is evaluated into the
 * page by the test, through the DevTools protocol (which the page's strict CSP does not
 * govern), so nothing of it is ever part of the app the till ships.
 *
 * A serious or critical violation fails the test, naming the rule, the elements and what to
 * fix; moderate and minor ones are printed to the test output.
 */

const require = createRequire(import.meta.url);
let axeSource: string | null = null;
const source = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface A11yViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly { target: readonly unknown[]; failureSummary?: string }[];
}

export interface A11yOptions {
  /** Rule ids switched off for this check (say why at the call). */
  readonly disable?: readonly string[];
  /** A CSS selector the check is limited to (default: the whole page). */
  readonly include?: string;
}

/** The rule sets checked: WCAG 2.0/2.1/2.2 A and AA, axe's best practices, and the label-in-name rule axe ships as experimental. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const EXTRA_RULES = ['label-content-name-mismatch'];

/** Runs axe-core on the page as it is now and returns every violation. */
export async function axeViolations(page: Page, options: A11yOptions = {}): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source());
  const rules: Record<string, { enabled: boolean }> = {};
  for (const id of EXTRA_RULES) rules[id] = { enabled: true };
  for (const id of options.disable ?? []) rules[id] = { enabled: false };
  return page.evaluate(
    async ({ tags, rules, include }) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: A11yViolation[] }> } }).axe;
      const result = await axe.run(include ?? document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    { tags: TAGS, rules, include: options.include ?? null },
  );
}

/** A violation as a few readable lines: rule, impact, what to do, and each element with its failure. */
export function describeViolation(v: A11yViolation): string {
  const nodes = v.nodes
    .slice(0, 8)
    .map((n) => `    ${n.target.map(String).join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
    .join('\n');
  const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
  return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
}

/** Splits violations into those that fail a test (serious, critical) and those only reported. */
export function partitionViolations(violations: readonly A11yViolation[]): { failing: A11yViolation[]; reported: A11yViolation[] } {
  const failing = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { failing, reported: violations.filter((v) => !failing.includes(v)) };
}

/**
 * The check each e2e test calls at each screen it visits (`name` says which, e.g. `payment-ro`):
 * throws listing every serious or critical violation; prints the moderate and minor ones.
 */
export async function checkA11y(page: Page, name: string, options: A11yOptions = {}): Promise<void> {
  const { failing, reported } = partitionViolations(await axeViolations(page, options));
  if (reported.length > 0) {
    console.log(`axe-core on ${name}: ${reported.length} moderate/minor finding(s)\n${reported.map(describeViolation).join('\n')}`);
  }
  if (failing.length > 0) {
    throw new Error(`axe-core on ${name}: ${failing.length} serious/critical violation(s)\n${failing.map(describeViolation).join('\n')}`);
  }
}
