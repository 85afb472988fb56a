import type { SegmentCondition, SegmentRules } from '../../../core/console/segmentRules.js';

/**
 * A segment's rules as one SQL predicate over `customers c`, with its parameters numbered from
 * `firstParam`: every condition is a correlated EXISTS or aggregate the planner runs as a join
 * over the whole table at once, never a loop in JavaScript. Purchases are her store sales and
 * the orders she placed online (online_orders).
 */
export function segmentPredicate(rules: SegmentRules, firstParam: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const condition = (c: SegmentCondition): string => {
    switch (c.kind) {
      case 'no_purchase_days': {
        const since = `now() - make_interval(days => ${p(c.days)}::int)`;
        return `(NOT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.id AND s.completed_at >= ${since})
                 AND NOT EXISTS (SELECT 1 FROM online_orders o WHERE o.customer_id = c.id AND o.placed_at >= ${since})
                 AND NOT EXISTS (SELECT 1 FROM touchpoints t WHERE t.customer_id = c.id AND t.channel <> 'store'
                                 AND t.kind IN ('purchase', 'order') AND t.occurred_at >= ${since}))`;
      }
      case 'bought_category': {
        const category = p(c.category);
        return `(EXISTS (SELECT 1 FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN products pr ON pr.sku = l.sku
                         WHERE s.customer_id = c.id AND pr.category = ${category})
                 OR EXISTS (SELECT 1 FROM online_orders o CROSS JOIN LATERAL jsonb_array_elements(o.lines) l JOIN products pr ON pr.sku = l->>'sku'
                            WHERE o.customer_id = c.id AND pr.category = ${category}))`;
      }
      case 'open_cart_hours':
        return `EXISTS (SELECT 1 FROM cart_lines l WHERE l.customer_id = c.id GROUP BY l.channel
                        HAVING max(l.added_at) <= now() - make_interval(hours => ${p(c.hours)}::int))`;
      case 'first_channel':
        return `(SELECT t.channel FROM touchpoints t WHERE t.customer_id = c.id ORDER BY t.occurred_at, t.id LIMIT 1) = ${p(c.channel)}`;
      case 'total_spend':
      {
        const currency = p(c.currency);
        return `(SELECT coalesce(sum(s.total_minor), 0) FROM sales s WHERE s.customer_id = c.id AND s.currency = ${currency})
                + (SELECT coalesce(sum(o.total_minor), 0) FROM online_orders o WHERE o.customer_id = c.id AND o.currency = ${currency}) >= ${p(c.atLeastMinor)}::bigint`;
      }
      case 'consent':
        return `EXISTS (SELECT 1 FROM customer_consents k WHERE k.customer_id = c.id AND k.channel = ${p(c.channel)} AND k.granted)`;
    }
  };
  const sql = rules.all.map(condition).join('\n AND ');
  return { sql, params };
}
