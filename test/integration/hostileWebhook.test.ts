import { webhookDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// The VoiceAiCallEnd webhook trigger, where the hostile party is the caller: random requests (bytes,
// JSON of any shape, huge or deeply nested bodies, deliveries with one field made hostile, random
// headers, signatures that are random, forged, duplicated or valid over random bodies, replays)
// through n8n-core's WebhookContext, static data kept between them as n8n keeps it. Invariants
// (hostileChecks.ts): every answer is 200, 400 or 401 (n8n's own 422 for JSON it cannot parse),
// webhook() never throws, a run starts only for a validly signed delivery and at most once per
// delivery, every new on-time delivery does start one, an unsigned request never changes the
// static data, which stays bounded, and the body is never quoted in answers or logs. Not in
// hostileTriggers.test.ts: that file captures n8n's logger, which runWebhook replaces per request.
const WEBHOOK_DRAWS = 20;

describe('Hostile caller: the webhook trigger', () => {
	const draws = drawsOf(webhookDrawArb, WEBHOOK_DRAWS, 50);
	test(
		`VoiceAiCallEnd deliveries, 5–25 requests a draw: ${WEBHOOK_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('Webhook', draws, [])).toEqual([]);
		},
		timeoutFor(draws),
	);
});
