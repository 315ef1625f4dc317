'use strict';
/**
 * A hostile HighLevel: a loopback server that answers every request as a plan says (any status,
 * nonsense rate-limit headers, bodies of every wrong kind, slow or broken delivery), and a second
 * "other origin" server that records everything it receives and answers like HighLevel would, so
 * that a redirect the client follows there shows up both in its log and in the node's output.
 *
 * `runBounded` runs one node execution under a time bound: when the bound passes, every connection
 * of both servers is destroyed and the timers the run created are unref'd, so a run that never ends
 * is reported and abandoned instead of hanging jest. Plain JS because it uses http, zlib, timers.
 */
const fs = require('fs');
const http = require('http');
const zlib = require('zlib');
const { AsyncLocalStorage, createHook } = require('async_hooks');

const HOST = '127.0.0.1';
const LIST_PATH = '/voice-ai/dashboard/call-logs';
const AGENTS_PATH = '/voice-ai/agents';
const ACTIONS_PATH = '/voice-ai/actions';
/** Every body the other origin serves carries this, so output that came from there is recognisable. */
const OTHER_ORIGIN_MARKER = 'served-by-the-other-origin';
/** Put in the query of cross-origin Locations: an error that names the host must not repeat it. */
const LOCATION_QUERY_MARKER = 'location-query-marker';

const SANE_RATE_LIMIT_HEADERS = {
	'X-RateLimit-Max': '100',
	'X-RateLimit-Remaining': '99',
	'X-RateLimit-Interval-Milliseconds': '10000',
	'X-RateLimit-Limit-Daily': '200000',
	'X-RateLimit-Daily-Remaining': '199999',
};

const ACTION_TEMPLATES = [
	{
		actionType: 'SMS',
		actionName: 'Send Booking Link',
		actionParameters: {
			triggerPrompt: 'When the caller wants to book',
			messageBody: 'Book here: https://sunrise.example/book',
		},
	},
	{
		actionType: 'APPOINTMENT_BOOKING',
		actionName: 'Book Cleaning',
		actionParameters: { calendarId: 'cal0000000000000000000001', slotsPerDay: 3 },
	},
	{
		actionType: 'DATA_EXTRACTION',
		actionName: 'Extract Email',
		actionParameters: { contactFieldId: 'email', examples: ['name@example.com'] },
	},
	{
		actionType: 'CALL_TRANSFER',
		actionName: 'Transfer to Front Desk',
		actionParameters: { transferToType: 'number', transferToValue: '+15550100200' },
	},
	{
		actionType: 'WORKFLOW_TRIGGER',
		actionName: 'Start Nurture',
		actionParameters: { workflowId: 'wf00000000000000000000001' },
	},
	{
		actionType: 'KNOWLEDGE_BASE',
		actionName: 'Answer From FAQ',
		actionParameters: { knowledgeBaseId: 'kb000000000000000000000001' },
	},
	{
		actionType: 'IN_CALL_DATA_EXTRACTION',
		actionName: 'Capture Insurance',
		actionParameters: { contactFieldId: 'cf_insurance_provider' },
	},
	{
		actionType: 'CUSTOM_ACTION',
		actionName: 'Look Up Balance',
		actionParameters: {
			apiDetails: {
				url: 'https://billing.example/api',
				method: 'GET',
				authenticationRequired: false,
			},
		},
	},
];

/** The messageId (which recordings are kept by) of a call log served for `callId`. */
function messageIdOf(callId) {
	return `msg-${String(callId).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A call log as HighLevel documents it, with `actionCount` executed actions. */
function callLog(id, overrides = {}, actionCount = 2) {
	return {
		id,
		agentId: 'agent0000000000000000001',
		isAgentDeleted: false,
		contactId: 'contact00000000000000001',
		fromNumber: '+15550100111',
		createdAt: '2026-11-19T09:00:00.000Z',
		duration: 42,
		trialCall: false,
		summary: 'The caller booked a cleaning.',
		transcript:
			'bot: Thanks for calling, how can I help?\nhuman: I would like to book a cleaning.\nbot: Of course.',
		extractedData: { customerName: 'Ana Silva', email: 'ana.silva@example.com' },
		// One recording per call, so that each item's recording request can be told apart.
		messageId: messageIdOf(id),
		executedCallActions: Array.from({ length: actionCount }, (_, index) => ({
			actionId: `${id}-action-${index}`,
			executedAt: '2026-11-19T09:00:20.000Z',
			...ACTION_TEMPLATES[index % ACTION_TEMPLATES.length],
		})),
		...overrides,
	};
}

/** An SMS agent action as `GET /voice-ai/actions/{id}` answers it; its id under `idKey`. */
function agentAction(id, idKey = 'id', overrides = {}) {
	return {
		[idKey]: id,
		actionType: 'SMS',
		name: 'Send Booking Link',
		actionParameters: {
			triggerPrompt: 'When the caller wants to book online',
			triggerMessage: "I'll text you our booking link.",
			messageBody: 'Book here: https://sunrise.example/book',
		},
		...overrides,
	};
}

/** A Voice AI agent as `GET /voice-ai/agents/{id}` answers it, with two actions. */
function agent(id, idKey = 'id', overrides = {}) {
	return {
		[idKey]: id,
		agentName: 'Riley (Front Desk)',
		businessName: 'Sunrise Dental',
		welcomeMessage: 'Hi, thanks for calling Sunrise Dental. How can I help you today?',
		agentPrompt: 'You are a helpful receptionist for Sunrise Dental.',
		voiceId: '21m00Tcm4TlvDq8ikWAM',
		language: 'en-US',
		patienceLevel: 'high',
		maxCallDuration: 300,
		timezone: 'America/New_York',
		actions: [agentAction(`${id}-action-0`), agentAction(`${id}-action-1`, '_id')],
		...overrides,
	};
}

/** The id HighLevel gives what a POST creates: derived from the name sent, so a test can tell. */
function createdId(request) {
	const sent = request.json && typeof request.json === 'object' ? request.json : {};
	const name = sent.agentName ?? sent.name;
	return `created-${typeof name === 'string' ? name : 'unnamed'}`;
}

/** The id of the n-th call of a listing. */
const listCallId = (index) => `list-call-${index}`;
/** The id of the n-th agent of a listing. */
const listAgentId = (index) => `list-agent-${index}`;

/** Entries a drifting API puts in a page instead of call logs. */
const JUNK = [null, 7, 'not a call log', { note: 'no id here' }, []];

/** The n-th entry of a listing: a call log (created `index` seconds after the first) or an agent. */
function listEntry(listing, index) {
	if (listing.entity === 'agent')
		return agent(listAgentId(index), listing.idKey ?? 'id', { actions: undefined });
	const createdAt =
		listing.createdFrom === undefined
			? undefined
			: new Date(listing.createdFrom + index * 1000).toISOString();
	return callLog(listCallId(index), createdAt ? { createdAt } : {}, 1);
}

/**
 * One page of a listing, as `GET /voice-ai/dashboard/call-logs?page=&pageSize=` (list key
 * `callLogs`) or `GET /voice-ai/agents?page=&pageSize=` (list key `agents`) returns it.
 */
function listPage(listing, page, pageSize) {
	const size = Number.isInteger(pageSize) && pageSize > 0 ? pageSize : 10;
	const servedPage = listing.mode === 'repeat' ? 1 : page;
	const entries = [];
	if (!(listing.mode === 'emptyFrom' && page >= (listing.emptyFrom ?? 1))) {
		const start = (servedPage - 1) * size;
		for (let index = start; index < Math.min(start + size, listing.available); index++) {
			entries.push(
				listing.junk && index % 5 === 4 ? JUNK[index % JUNK.length] : listEntry(listing, index),
			);
		}
	}
	return {
		...(listing.total !== undefined && { total: listing.total }),
		page,
		pageSize: size,
		[listing.entity === 'agent' ? 'agents' : 'callLogs']: entries,
	};
}

/** A few bytes that look like the start of a WAV file, then `bytes` of silence in all. */
function recordingBytes(bytes) {
	const buffer = Buffer.alloc(Math.max(bytes, 12));
	buffer.write('RIFF', 0, 'latin1');
	buffer.writeUInt32LE(buffer.length - 8, 4);
	buffer.write('WAVE', 8, 'latin1');
	return buffer;
}

/** `length` characters shaped like a URL query; some shapes are slow for naive query regexes. */
function urlQueryText(shape, length) {
	const [head, unit] = {
		pairs: ['?', 'key=value&'],
		equalsRun: ['?', 'a='],
		openNames: ['?a=a=a=a&', 'a?'],
		openSemicolons: ['?a=a=a=a&', 'a;'],
	}[shape];
	return (head + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);
}

/** The forms in which a token can leak: raw, "Bearer …", URL-encoded, base64. */
function secretForms(token) {
	return [
		token,
		`Bearer ${token}`,
		encodeURIComponent(token),
		Buffer.from(token).toString('base64'),
		Buffer.from(token).toString('base64url'),
	];
}

/** Where a `longAuthorization` echo puts the token: across the 200-character mark where error
 * texts are often cut, so a cut-off copy escapes a search for the whole token. */
const LONG_ECHO_TOKEN_AT = 182;

/** What an error body appended to `prefixLength` characters echoes of the request's credentials. */
function echoText(echo, request, token, prefixLength = 0) {
	const authorization = request.headers.authorization ?? '';
	switch (echo) {
		case 'authorization':
			return ` (received Authorization: ${authorization})`;
		case 'longAuthorization': {
			const lead = ' received Authorization: Bearer ';
			const padding = Math.max(1, LONG_ECHO_TOKEN_AT - prefixLength - lead.length - 1);
			return ` ${'x'.repeat(padding)}${lead}${authorization.replace(/^Bearer /, '')}`;
		}
		case 'urlEncoded':
			return ` (token ${encodeURIComponent(token)} rejected)`;
		case 'base64':
			return ` (credential ${Buffer.from(token).toString('base64')} rejected)`;
		default:
			return '';
	}
}

/** Gzip of `bytes` letters, cached: the middle member of a gzip bomb. */
const bombMiddles = new Map();
function bombMiddle(bytes) {
	if (!bombMiddles.has(bytes)) {
		bombMiddles.set(
			bytes,
			new Promise((resolve, reject) => {
				const gzip = zlib.createGzip({ level: 9 });
				const chunks = [];
				gzip.on('data', (chunk) => chunks.push(chunk));
				gzip.on('end', () => resolve(Buffer.concat(chunks)));
				gzip.on('error', reject);
				const block = Buffer.alloc(1 << 20, 'a');
				let left = bytes;
				const pump = () => {
					while (left > 0) {
						const part = left >= block.length ? block : block.subarray(0, left);
						left -= part.length;
						if (!gzip.write(part)) return void gzip.once('drain', pump);
					}
					gzip.end();
				};
				pump();
			}),
		);
	}
	return bombMiddles.get(bytes);
}

/**
 * Builds the body of a response: `{ buffer, contentType, contentEncoding? }`. `request` is what
 * the server received; `token` is the one the test's credential holds (for echo bodies).
 */
async function renderBody(body, request, token) {
	const json = (value) => ({
		buffer: Buffer.from(JSON.stringify(value)),
		contentType: 'application/json; charset=utf-8',
	});
	if (!body) return { buffer: Buffer.alloc(0), contentType: 'application/json; charset=utf-8' };
	switch (body.kind) {
		case 'callLog':
			return json(callLog(body.id ?? request.id ?? 'no-id', body.overrides, body.actionCount ?? 2));
		case 'agent':
			return json(
				agent(body.id ?? request.id ?? createdId(request), body.idKey ?? 'id', body.overrides),
			);
		case 'agentAction':
			return json(
				agentAction(
					body.id ?? request.id ?? createdId(request),
					body.idKey ?? 'id',
					body.overrides,
				),
			);
		case 'recording':
			return {
				buffer: recordingBytes(body.bytes ?? 4096),
				contentType: body.contentType === undefined ? 'audio/x-wav' : body.contentType,
			};
		case 'page':
			return json(listPage(body.listing, request.page, request.pageSize));
		case 'nestError': {
			const said = body.text ?? 'Request failed';
			const text = `${said}${echoText(body.echo, request, token, said.length)}`;
			return json({
				statusCode: request.status,
				message: body.list ? [text, 'locationId must be a string'] : text,
				error: body.error ?? http.STATUS_CODES[request.status] ?? 'Error',
				traceId: 'trace-0000-hostile',
			});
		}
		case 'empty':
			return { buffer: Buffer.alloc(0), contentType: 'application/json; charset=utf-8' };
		case 'html':
			return {
				buffer: Buffer.from(
					`<!DOCTYPE html><html><head><title>Site under maintenance</title></head><body><h1>Back soon</h1>${echoText(body.echo, request, token)}</body></html>`,
				),
				contentType: 'text/html; charset=utf-8',
			};
		case 'text':
			const said = 'upstream connect error or disconnect/reset before headers';
			return {
				buffer: Buffer.from(`${said}${echoText(body.echo, request, token, said.length)}`),
				contentType: 'text/plain',
			};
		case 'truncated': {
			const whole = Buffer.from(JSON.stringify(callLog(request.id ?? 'no-id')));
			return {
				buffer: whole.subarray(0, Math.floor(whole.length / 2)),
				contentType: 'application/json',
				claimedLength: body.lyingLength ? whole.length : undefined,
			};
		}
		case 'json':
			return json(body.value);
		case 'nested': {
			const depth = body.depth;
			const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
			if (body.where === 'root')
				return {
					buffer: Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`),
					contentType: 'application/json',
				};
			const call = JSON.stringify(callLog(request.id ?? 'no-id', { extractedData: '@@NESTED@@' }));
			return {
				buffer: Buffer.from(call.replace('"@@NESTED@@"', nested)),
				contentType: 'application/json',
			};
		}
		case 'urlQuery': {
			const text = urlQueryText(body.shape, body.bytes);
			return json(
				callLog(
					request.id ?? 'no-id',
					{ summary: text, extractedData: { note: text } },
					body.actionCount ?? 2,
				),
			);
		}
		case 'large': {
			const [head, tail] = JSON.stringify(
				callLog(request.id ?? 'no-id', { transcript: '@@BIG@@' }),
			).split('@@BIG@@');
			return {
				buffer: Buffer.concat([
					Buffer.from(head),
					Buffer.alloc(body.bytes, 'a'),
					Buffer.from(tail),
				]),
				contentType: 'application/json',
			};
		}
		case 'gzipBomb': {
			const [head, tail] = JSON.stringify(
				callLog(request.id ?? 'no-id', { transcript: '@@BIG@@' }),
			).split('@@BIG@@');
			// Three gzip members; a gunzip reads them as one body of about `inflatedBytes` bytes.
			const buffer = Buffer.concat([
				zlib.gzipSync(head),
				await bombMiddle(body.inflatedBytes),
				zlib.gzipSync(tail),
			]);
			return { buffer, contentType: 'application/json', contentEncoding: 'gzip' };
		}
		default:
			throw new Error(`hostile: unknown body kind ${body.kind}`);
	}
}

/** Where a 3xx points. */
function locationFor(target, request, main, other) {
	const query = new URLSearchParams(request.query);
	const sameRequest = `${request.path}?${query}`;
	query.set('next', LOCATION_QUERY_MARKER);
	switch (target) {
		case 'otherOrigin':
			return `${other.url}${request.path}?${query}`;
		case 'https':
			return `https://${HOST}:${other.port}${request.path}?${query}`;
		case 'sameUrl':
			return `${main.url}${sameRequest}`;
		case 'elsewhereSameOrigin':
			// A relative reference to a sibling path on the same origin.
			return `./moved-${request.id ?? 'list'}?${new URLSearchParams(request.query)}`;
		case 'malformed':
			return 'http://[::1:bad-host/%%';
		default:
			return undefined;
	}
}

/** Starts a recording server; `handle(req, res, record)` answers. */
async function listen(handle) {
	const sockets = new Set();
	const server = http.createServer(handle);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// A TLS hello or other garbage: count it, close it.
	server.on('clientError', (_error, socket) => socket.destroy());
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, HOST, resolve);
	});
	const { port } = server.address();
	return { server, sockets, port, url: `http://${HOST}:${port}` };
}

/** Where each kind of request goes; the first capture is the id in the path. */
const RESOURCES = [
	['recording', /^\/conversations\/messages\/([^/]+)\/locations\/[^/]+\/[^/]+$/],
	['callLog', /^\/voice-ai\/dashboard\/call-logs\/([^/]+)$/],
	['callLogList', /^\/voice-ai\/dashboard\/call-logs$/],
	['agent', /^\/voice-ai\/agents\/([^/]+)$/],
	['agentList', /^\/voice-ai\/agents$/],
	['agentAction', /^\/voice-ai\/actions\/([^/]+)$/],
	['agentActionList', /^\/voice-ai\/actions$/],
];

function describeRequest(req) {
	const url = new URL(req.url, 'http://hostile.local');
	let resource = 'other';
	let id;
	for (const [name, pattern] of RESOURCES) {
		const match = pattern.exec(url.pathname);
		if (!match) continue;
		resource = name;
		// A relative redirect (`./moved-<id>`) lands on a sibling path: the same id.
		if (match[1] !== undefined) id = decodeURIComponent(match[1]).replace(/^moved-/, '');
		break;
	}
	// Before resources were named, a moved call log was any path ending in moved-<id>.
	if (resource === 'other' && /\/moved-[^/]+$/.test(url.pathname)) {
		resource = 'callLog';
		id = decodeURIComponent(url.pathname.split('/').pop()).replace(/^moved-/, '');
	}
	return {
		method: req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: { ...req.headers },
		resource,
		id,
		page: url.searchParams.has('page') ? Number(url.searchParams.get('page')) : undefined,
		pageSize: url.searchParams.has('pageSize')
			? Number(url.searchParams.get('pageSize'))
			: undefined,
		at: Date.now(),
	};
}

/** Most of a request body kept for the checks; the node never sends more. */
const MAX_RECORDED_BODY = 1 << 20;

/** Collects the request body into `request.body` (text) and `request.json` (parsed, if it is). */
function readRequestBody(req, request) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_RECORDED_BODY) chunks.push(chunk);
		});
		const done = () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (text !== '') {
				request.body = text;
				try {
					request.json = JSON.parse(text);
				} catch {
					// Not JSON: the text is kept.
				}
			}
			resolve();
		};
		req.on('end', done);
		req.on('error', done);
		req.on('close', done);
	});
}

/** What the other origin answers: the shape each endpoint has, marked as coming from there. */
function otherOriginBody(request) {
	const marked = { summary: OTHER_ORIGIN_MARKER, servedBy: OTHER_ORIGIN_MARKER };
	switch (request.resource) {
		case 'callLogList':
			return { total: 1, page: 1, pageSize: 50, callLogs: [callLog('other-origin-call', marked)] };
		case 'agentList':
			return {
				total: 1,
				page: 1,
				pageSize: 50,
				agents: [agent('other-origin-agent', 'id', marked)],
			};
		case 'agent':
			return agent(request.id, 'id', marked);
		case 'agentAction':
		case 'agentActionList':
			return agentAction(request.id ?? 'other-origin-action', 'id', {
				name: OTHER_ORIGIN_MARKER,
				servedBy: OTHER_ORIGIN_MARKER,
			});
		default:
			return callLog(request.id ?? 'other-origin-call', marked);
	}
}

/**
 * Starts the hostile server and the other origin. `token` is the credential's token (for echoes).
 */
async function startHostile({ token = '' } = {}) {
	const timers = new Set();
	const schedule = (fn, ms) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			fn();
		}, ms);
		timers.add(timer);
	};
	const held = new Set();
	let plan = [{ status: 200, body: { kind: 'callLog' } }];
	let served = 0;

	const otherRequests = [];
	let otherConnections = 0;
	const other = await listen(async (req, res) => {
		const request = describeRequest(req);
		otherRequests.push(request);
		await readRequestBody(req, request);
		if (res.destroyed) return;
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(otherOriginBody(request)));
	});
	other.server.on('connection', () => otherConnections++);

	const requests = [];
	const main = await listen(async (req, res) => {
		const request = describeRequest(req);
		request.index = served++;
		// Recorded on arrival, so a request whose body never ends still counts.
		requests.push(request);
		await readRequestBody(req, request);
		const spec =
			typeof plan === 'function' ? plan(request) : plan[Math.min(request.index, plan.length - 1)];
		request.spec = spec;
		respond(req, res, request, spec).catch(() => req.socket.destroy());
	});

	async function respond(req, res, request, spec) {
		const status = spec.status ?? 200;
		request.status = status;
		const timing = spec.timing ?? {};
		const start = async () => {
			if (res.destroyed) return;
			if (timing.reset === 'beforeHeaders') return void req.socket.destroy();
			const rendered = await renderBody(spec.body, request, token);
			let buffer = rendered.buffer;
			let contentEncoding = rendered.contentEncoding;
			if (spec.encoding === 'gzip' && !contentEncoding) {
				buffer = zlib.gzipSync(buffer);
				contentEncoding = 'gzip';
			} else if (spec.encoding === 'wrongGzip') contentEncoding = 'gzip';
			else if (spec.encoding === 'wrongBr') contentEncoding = 'br';
			else if (spec.encoding === 'unknown') contentEncoding = 'x-hostile';
			if (rendered.contentType) res.setHeader('Content-Type', rendered.contentType);
			if (contentEncoding) res.setHeader('Content-Encoding', contentEncoding);
			const location =
				status >= 300 && status < 400
					? locationFor(spec.redirectTo, request, main, other)
					: undefined;
			if (location) res.setHeader('Location', location);
			for (const [name, value] of Object.entries(spec.headers ?? {})) res.setHeader(name, value);
			const claimed = rendered.claimedLength ?? buffer.length;
			if (status !== 204 && status !== 304) res.setHeader('Content-Length', String(claimed));
			res.writeHead(status);
			// When the status line left: a check can tell an answered 429 from one never seen.
			request.answeredAt = Date.now();
			if (status === 204 || status === 304) return void res.end();
			if (timing.reset === 'midBody') {
				return void res.write(buffer.subarray(0, Math.floor(buffer.length / 2)), () =>
					req.socket.destroy(),
				);
			}
			if (timing.trickleMs) {
				let offset = 0;
				const drip = () => {
					if (res.destroyed) return;
					if (offset >= buffer.length) return void res.end();
					res.write(buffer.subarray(offset, offset + 1));
					offset++;
					schedule(drip, timing.trickleMs);
				};
				return void drip();
			}
			// A Content-Length larger than what is sent: send it all, then close early.
			if (claimed !== buffer.length) return void res.write(buffer, () => req.socket.destroy());
			res.end(buffer);
		};
		if (timing.hang) return void held.add(res);
		if (timing.delayMs)
			return void schedule(() => start().catch(() => req.socket.destroy()), timing.delayMs);
		await start();
	}

	function destroyConnections() {
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		for (const res of held) res.destroy();
		held.clear();
		for (const socket of [...main.sockets, ...other.sockets]) socket.destroy();
	}

	return {
		url: main.url,
		port: main.port,
		host: `${HOST}:${main.port}`,
		requests,
		other: {
			url: other.url,
			port: other.port,
			host: `${HOST}:${other.port}`,
			requests: otherRequests,
			get connections() {
				return otherConnections;
			},
		},
		/** A list of response specs (consumed in order, the last repeating) or a function of the request. */
		setPlan(next) {
			plan = next;
			served = 0;
			requests.length = 0;
			otherRequests.length = 0;
			otherConnections = 0;
		},
		destroyConnections,
		async close() {
			destroyConnections();
			await Promise.all(
				[main, other].map(({ server }) => new Promise((resolve) => server.close(resolve))),
			);
		},
	};
}

/**
 * A plan that keeps one queue per request key (a call id, a page number): each key's specs are
 * consumed in order, the last repeating; keys not in `table` get `fallback`.
 */
function perKey(keyOf, table, fallback) {
	const queues = new Map(Object.entries(table).map(([key, specs]) => [key, [...specs]]));
	return (request) => {
		const queue = queues.get(String(keyOf(request)));
		if (!queue || queue.length === 0)
			return typeof fallback === 'function' ? fallback(request) : fallback;
		return queue.length > 1 ? queue.shift() : queue[0];
	};
}

// Each bounded run has its own async context, so the timers it creates (now or later, however deep
// in n8n or the node) are known: once the run is abandoned they are unref'd and cannot keep jest
// alive. Server-side timers belong to the servers' contexts and are cleared by destroyConnections.
const runContext = new AsyncLocalStorage();
const hook = createHook({
	init(_id, type, _trigger, resource) {
		if (type !== 'Timeout') return;
		const run = runContext.getStore();
		if (!run) return;
		if (run.abandoned) resource.unref();
		else run.timers.push(new WeakRef(resource));
	},
});

/**
 * Runs `work` for at most `boundMs`. Resolves with `{ ended, value | thrown, elapsedMs }`. When the
 * bound passes first, `onBound` runs (it should destroy every connection) and the run is abandoned.
 */
async function runBounded(work, boundMs, onBound) {
	hook.enable();
	const run = { abandoned: false, timers: [] };
	let boundTimer;
	const bound = new Promise((resolve) => {
		boundTimer = setTimeout(() => resolve({ ended: false }), boundMs);
	});
	const startedAt = Date.now();
	const running = runContext.run(run, () =>
		Promise.resolve()
			.then(work)
			.then(
				(value) => ({ ended: true, value }),
				(thrown) => ({ ended: true, thrown }),
			),
	);
	const outcome = await Promise.race([running, bound]);
	clearTimeout(boundTimer);
	const elapsedMs = Date.now() - startedAt;
	if (!outcome.ended) {
		run.abandoned = true;
		if (onBound) onBound();
		for (const ref of run.timers) ref.deref()?.unref();
	}
	return { ...outcome, elapsedMs };
}

/**
 * HOSTILE_REPORT=<file> appends every violating draw to that file as one JSON line, for a reader
 * who wants the list without jest's diff around it.
 */
function reportFailures(property, failures) {
	const file = process.env.HOSTILE_REPORT;
	if (!file || failures.length === 0) return;
	const lines = failures.map((failure) => JSON.stringify({ property, ...failure }));
	fs.appendFileSync(file, `${lines.join('\n')}\n`);
}

/** HOSTILE_DRAW=<index> replays one draw of a property run (with FC_SEED=<seed>). */
function replayDraw() {
	const value = process.env.HOSTILE_DRAW;
	return value === undefined || value === '' ? undefined : Number(value);
}

module.exports = {
	startHostile,
	/** Builds (and caches) a gzip bomb's compressed body ahead of a run, so serving it is instant. */
	prepareGzipBomb: bombMiddle,
	perKey,
	runBounded,
	replayDraw,
	reportFailures,
	secretForms,
	callLog,
	agent,
	agentAction,
	messageIdOf,
	listCallId,
	listAgentId,
	urlQueryText,
	OTHER_ORIGIN_MARKER,
	LOCATION_QUERY_MARKER,
	SANE_RATE_LIMIT_HEADERS,
	LIST_PATH,
	AGENTS_PATH,
	ACTIONS_PATH,
};
