import { generateKeyPairSync, sign } from 'crypto';
import fc from 'fast-check';

import { runWebhook } from '../../harness/n8n';
import type { StaticDataStore } from '../../harness/n8n';

/**
 * Each delivery starts the workflow once: random sequences of new deliveries (some dated outside
 * the tolerance), replays of earlier ones, forged copies and pauses, sent through n8n-core's
 * WebhookContext with static data persisted between them as n8n persists it. The oracle is
 * HighLevel's advice itself: a delivery runs iff its signature holds, its timestamp is within 5
 * minutes of now, and its webhookId never ran before.
 */

const keys = generateKeyPairSync('ed25519');
const forger = generateKeyPairSync('ed25519');
const PARAMETERS = {
	output: 'callLogs',
	options: { publicKey: keys.publicKey.export({ format: 'pem', type: 'spki' }).toString() },
};
const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const TOLERANCE = 5 * 60_000;
/** Each run sends up to this many requests through n8n-core: slower than a pure property. */
const MAX_EVENTS = 30;
const NUM_RUNS = 200;

type Event =
	| { kind: 'new'; offsetSeconds: number }
	| { kind: 'replay'; pick: number }
	| { kind: 'forged'; pick: number; resign: boolean }
	| { kind: 'wait'; seconds: number };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('new' as const),
			// Mostly within the tolerance, sometimes just outside it, in the past or the future.
			offsetSeconds: fc.oneof(
				{ weight: 4, arbitrary: fc.integer({ min: -300, max: 300 }) },
				fc.integer({ min: -420, max: 420 }),
			),
		}),
	},
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('forged' as const),
			pick: fc.nat(),
			resign: fc.boolean(),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('wait' as const),
			seconds: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 250, max: 400 })),
		}),
	},
);

interface Sent {
	webhookId: string;
	timestampMs: number;
	rawBody: string;
}

afterEach(() => jest.restoreAllMocks());

it('a delivery runs iff it is signed, on time and its webhookId never ran', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.array(eventArb, { minLength: 1, maxLength: MAX_EVENTS }),
			async (events) => {
				let clock = T0;
				jest.spyOn(Date, 'now').mockImplementation(() => clock);
				const store: StaticDataStore = {};
				const sent: Sent[] = [];
				const ran = new Set<string>();
				let serial = 0;

				const send = async (rawBody: string, signature: string) =>
					await runWebhook({
						rawBody,
						headers: { 'x-ghl-signature': signature },
						parameters: PARAMETERS,
						staticData: store,
					});

				for (const event of events) {
					if (event.kind === 'wait') {
						clock += event.seconds * 1000;
						continue;
					}
					if (event.kind === 'forged') {
						if (sent.length === 0) continue;
						const original = sent[event.pick % sent.length];
						const changed = original.rawBody.replace('"duration":1', '"duration":2');
						const outcome = await send(
							changed,
							sign(
								null,
								Buffer.from(event.resign ? changed : original.rawBody),
								forger.privateKey,
							).toString('base64'),
						);
						expect(outcome.status).toBe(401);
						expect(outcome.executed).toBe(false);
						continue;
					}
					let delivery: Sent;
					if (event.kind === 'new') {
						serial++;
						const timestampMs = clock + event.offsetSeconds * 1000;
						const webhookId = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
						const rawBody = JSON.stringify({
							type: 'VoiceAiCallEnd',
							locationId: 'loc_1',
							timestamp: new Date(timestampMs).toISOString(),
							webhookId,
							id: `CALL_${serial}`,
							agentId: 'agent_1',
							duration: 1,
							executedCallActions: [],
						});
						delivery = { webhookId, timestampMs, rawBody };
						sent.push(delivery);
					} else {
						if (sent.length === 0) continue;
						delivery = sent[event.pick % sent.length];
					}
					const outcome = await send(
						delivery.rawBody,
						sign(null, Buffer.from(delivery.rawBody), keys.privateKey).toString('base64'),
					);
					const onTime = Math.abs(clock - delivery.timestampMs) <= TOLERANCE;
					const shouldRun = onTime && !ran.has(delivery.webhookId);
					expect(outcome.status).toBe(200);
					expect(outcome.executed).toBe(shouldRun);
					if (shouldRun) {
						ran.add(delivery.webhookId);
						expect(outcome.items).toHaveLength(1);
						expect(outcome.items[0].json.webhook).toMatchObject({ webhookId: delivery.webhookId });
					}
				}
			},
		),
		{ numRuns: NUM_RUNS },
	);
});
