#!/usr/bin/env node
'use strict';
/**
 * How long checking one signed HighLevel `VoiceAiCallEnd` delivery takes, from the BUILT helpers
 * (`npm run build` first):
 *
 *   node bench/webhook-verify.js [--kb 20] [--seconds 2]
 *
 * Prints figures only: Ed25519 verifications per second, and microseconds per delivery for the
 * whole check (signature, JSON parse, type and filters, timestamp window and webhookId memory,
 * normalisation). The key pair is generated here; HighLevel's private key is not public.
 */
const path = require('path');
const { generateKeyPairSync, randomUUID, sign } = require('crypto');
const { performance } = require('perf_hooks');

const trigger = path.join(__dirname, '..', 'dist', 'nodes', 'HighLevelVoiceAi', 'trigger');
const { verifyWebhookSignature, resolveWebhookPublicKey } = require(
	path.join(trigger, 'webhookSignature'),
);
const { checkReplay } = require(path.join(trigger, 'webhookReplay'));
const { parseWebhookBody } = require(path.join(trigger, 'webhookPayload'));

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
	return value;
}

const bodyKb = option('kb', 20);
const seconds = option('seconds', 2);

/** A call of about `bodyKb` kB: most of it transcript, as in real deliveries. */
function callEndBody(now) {
	const call = {
		type: 'VoiceAiCallEnd',
		locationId: '3jJ0coeqWCZMAosyGQ6K',
		appId: '6878cec452e7c8d29d4dd3d9',
		versionId: '6878cec452e7c8d29d4dd3d9',
		timestamp: new Date(now).toISOString(),
		webhookId: randomUUID(),
		id: `CALL_${randomUUID().slice(0, 12)}`,
		agentId: 'agent_1',
		contactId: 'contact_1',
		fromNumber: '+15550100',
		createdAt: new Date(now - 200_000).toISOString(),
		duration: 187,
		summary: 'The caller booked a visit for Tuesday and asked about prices.',
		transcript: '',
		translation: { transcript: 'Hola', language: 'es' },
		extractedData: { phoneNumber: '+1234567890', email: 'caller@example.com' },
		messageId: 'msg_1',
		trialCall: false,
		executedCallActions: [
			{
				_id: 'action_1',
				actionType: 'APPOINTMENT_BOOKING',
				actionName: 'Book',
				actionParameters: { calendarId: 'cal_1' },
				executedAt: new Date(now - 60_000).toISOString(),
			},
		],
	};
	const turn =
		'bot:Thanks for calling, how can I help you today?\nhuman:I would like to book a visit.\n';
	const room = bodyKb * 1024 - Buffer.byteLength(JSON.stringify(call));
	// JSON spells each "\n" in two bytes: size the transcript by its encoded length.
	const encodedTurn = JSON.stringify(turn).length - 2;
	call.transcript = turn.repeat(Math.max(Math.floor(room / encodedTurn), 0));
	return Buffer.from(JSON.stringify(call));
}

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const now = Date.now();
const deliveries = Array.from({ length: 2000 }, () => {
	const rawBody = callEndBody(now);
	return { rawBody, signature: sign(null, rawBody, privateKey).toString('base64') };
});

/** Runs `task(i)` for about `seconds`; returns [runs, elapsed ms]. */
function measure(task) {
	for (let i = 0; i < 200; i++) task(i); // warm-up
	let runs = 0;
	const start = performance.now();
	let elapsed = 0;
	while (elapsed < seconds * 1000) {
		for (let i = 0; i < 100; i++) task(runs++);
		elapsed = performance.now() - start;
	}
	return [runs, elapsed];
}

const key = resolveWebhookPublicKey(publicPem).key;
const [verifications, verifyMs] = measure((i) => {
	const { rawBody, signature } = deliveries[i % deliveries.length];
	if (!verifyWebhookSignature(rawBody, signature, key).valid) throw new Error('bad signature');
});

let staticData = {};
let round = 0;
const [checked, deliveryMs] = measure((i) => {
	const slot = i % deliveries.length;
	// Each webhookId is new only once: start a fresh memory each time the list comes round again.
	if (slot === 0) {
		staticData = {};
		round++;
	}
	const { rawBody, signature } = deliveries[slot];
	const resolved = resolveWebhookPublicKey(publicPem);
	if (!verifyWebhookSignature(rawBody, signature, resolved.key).valid)
		throw new Error('bad signature');
	const payload = parseWebhookBody(rawBody, { locationIds: ['3jJ0coeqWCZMAosyGQ6K'] });
	if (payload.outcome !== 'accept') throw new Error(payload.message);
	const replay = checkReplay(staticData, payload.envelope, now + 1000);
	if (!replay.accepted) throw new Error(replay.message);
});

const bodyBytes = deliveries[0].rawBody.length;
console.log(`Signed VoiceAiCallEnd body: ${bodyBytes} bytes (${(bodyBytes / 1024).toFixed(1)} kB)`);
console.log(
	`Signature only: ${Math.round((verifications / verifyMs) * 1000)} verifications/s, ` +
		`${((verifyMs * 1000) / verifications).toFixed(1)} µs each`,
);
console.log(
	`Whole check (signature, parse, filters, replay, normalise): ` +
		`${((deliveryMs * 1000) / checked).toFixed(1)} µs per delivery ` +
		`(${Math.round((checked / deliveryMs) * 1000)} deliveries/s, ${round} rounds of ${deliveries.length})`,
);
