/**
 * What the phone and accessibility browser tests check on any page: that it fits a 360 px screen
 * without scrolling sideways, and what axe-core (the accessibility engine, injected into the page) finds.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1440, height: 1000 };

/** axe-core's bundle, read once; evaluated through DevTools (not a <script> tag), so the console's CSP does not apply. */
let axeSource: string | undefined;

/** How far the page is wider than its viewport, and the elements that stick out (for the failure message). */
export function overflowOf(page: Page): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
  // A string, run in the page (this project compiles without the DOM's types).
  return page.evaluate<{ scrollWidth: number; viewport: number; culprits: string[] }>(`(() => {
    const viewport = window.innerWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 0.5 && element.getClientRects().length > 0)
      .slice(-8)
      .map((element) => element.tagName.toLowerCase() + '.' + [...element.classList].join('.') + ' right=' + Math.round(element.getBoundingClientRect().right));
    return { scrollWidth: document.documentElement.scrollWidth, viewport, culprits };
  })()`);
}

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** The serious and critical violations axe-core finds on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(axeSource);
  const violations = await page.evaluate<Violation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
    })),
  )`);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.targets.join(', ')}`);
}
