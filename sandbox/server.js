'use strict';
// A local stand-in for HighLevel's Voice AI API (services.leadconnectorhq.com), for tests, the
// benchmark and demos. It listens on loopback only and reproduces what matters to a client:
// Bearer auth, the Version header, locationId, scopes, NestJS-style error bodies, the
// X-RateLimit-* headers with a sliding burst window and a daily quota, latency, and scripted
// faults (resets, timeouts, HTML pages, truncated JSON, 5xx, 429s). Agents and their actions can
// be listed, read, created, changed and deleted, with HighLevel's status codes (201, 204), its
// 422 bodies listing every broken rule, and the quirks seen live (see agentRoutes below). Each
// call with a messageId has a recording (a short generated WAV) at the Conversations API's address.

const http = require('http');
const { randomUUID } = require('crypto');
const { generateDataset } = require('./data');
const { createOAuth } = require('./oauth');
const { validateAgent, validateAction, LANGUAGES } = require('./rules');

/** Every Voice AI scope, and the Conversations one recordings need; the main token has them all. */
const ALL_SCOPES = [
	'voice-ai-dashboard.readonly',
	'voice-ai-agents.readonly',
	'voice-ai-agents.write',
	'voice-ai-agent-goals.readonly',
	'voice-ai-agent-goals.write',
	'conversations/message.readonly',
];

/** A recording's length in seconds, and its sample rate: phone audio, 8 kHz, 16-bit mono. */
const RECORDING_SECONDS = 0.5;
const RECORDING_SAMPLE_RATE = 8000;

/** The 44-byte header of a PCM WAV file holding `dataBytes` bytes of 16-bit mono samples. */
function wavHeader(dataBytes, sampleRate = RECORDING_SAMPLE_RATE) {
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(Math.min(36 + dataBytes, 0xffffffff), 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(Math.min(dataBytes, 0xffffffff), 40);
	return header;
}

/**
 * A short WAV recording for a message: a tone whose pitch depends on the message id, so two
 * calls' recordings differ and a test can tell them apart.
 */
function recordingWav(messageId) {
	const samples = Math.round(RECORDING_SECONDS * RECORDING_SAMPLE_RATE);
	let hash = 0;
	for (const char of messageId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	const frequency = 300 + (hash % 600);
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * frequency * i) / RECORDING_SAMPLE_RATE)), i * 2);
	}
	return Buffer.concat([wavHeader(data.length), data]);
}

/** The size the "huge" recording fault announces: far past any sensible limit, never built whole. */
const HUGE_RECORDING_BYTES = 512 * 1024 * 1024;

/**
 * Calls whose recording misbehaves, by call id; `GET /voice-ai/dashboard/call-logs/<id>` answers a
 * copy of the documented call with that id and the same id as its messageId, so that workflows
 * (e2e, demos) can reach each case without code:
 * - missing: HighLevel has no recording for the message (404, or 400 with recordingNotFoundStatus);
 * - huge: a 512 MB WAV, streamed as the client reads (for the Max Recording Size option);
 * - json: a 200 with a JSON body instead of audio;
 * - untyped: the WAV without a Content-Type.
 */
const RECORDING_FAULTS = {
	'fault-recording-missing': 'missing',
	'fault-recording-huge': 'huge',
	'fault-recording-json': 'json',
	'fault-recording-untyped': 'untyped',
};

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	token: 'pit-sandbox-token',
	/** Tokens that authenticate but hold no Voice AI scope at all. */
	tokensWithoutScope: ['pit-no-voice-ai-scope'],
	/** Tokens that hold only some scopes (a Private Integration with some boxes ticked). */
	tokenScopes: {
		'pit-call-logs-only': ['voice-ai-dashboard.readonly'],
		'pit-read-only': ['voice-ai-dashboard.readonly', 'voice-ai-agents.readonly', 'voice-ai-agent-goals.readonly'],
		'pit-no-agent-goals': ['voice-ai-dashboard.readonly', 'voice-ai-agents.readonly', 'voice-ai-agents.write'],
		'pit-no-agents-write': ['voice-ai-dashboard.readonly', 'voice-ai-agents.readonly', 'voice-ai-agent-goals.readonly', 'voice-ai-agent-goals.write'],
	},
	versions: ['2021-04-15', 'v3', '2021-07-28', '2023-02-21'],
	latencyMs: 0,
	rateLimit: { max: 100, intervalMs: 10000, daily: 200000 },
	/** HighLevel has answered an unknown call id with 400 on some APIs and 404 on others. */
	notFoundStatus: 400,
	recordRequests: true,
	/** Live, HighLevel refused a CALL_TRANSFER without `transferBotType` (not in the spec). */
	requireTransferBotType: false,
	/** The id key of a created agent's answer: live reports saw both `id` and `_id`. */
	createdAgentIdKey: 'id',
};

/**
 * Built-in faults, by call id, so that n8n workflows (e2e, demos) can trigger them without code.
 * A fault that ends in "-once" happens on the first request for that id only.
 */
const BUILT_IN_FAULTS = {
	'fault-500': ['status:500'],
	'fault-502': ['status:502'],
	'fault-503': ['status:503'],
	'fault-503-once': ['status:503', 'ok'],
	'fault-reset': ['reset'],
	'fault-reset-once': ['reset', 'ok'],
	'fault-timeout': ['hang'],
	'fault-html': ['html'],
	'fault-empty': ['empty'],
	'fault-truncated': ['truncated'],
	'fault-shape': ['shape'],
	'fault-422': ['status:422'],
	'fault-429-once': ['burst429', 'ok'],
	'fault-429': ['burst429'],
	'fault-daily-429': ['daily429'],
	// A gateway that echoes the request's Authorization header back (to prove the node scrubs it).
	'fault-echo-auth': ['echoAuth'],
	'fault-proxy-502': ['proxyHtml:502'],
};

/** The script key for the call-log list (`script(CALL_LOG_LIST, ['status:503', 'ok'])`). */
const CALL_LOG_LIST = 'list:call-logs';

const newestFirstOf = (calls) => [...calls].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

function errorBody(statusCode, message, error) {
	return { statusCode, message, ...(error && { error }), traceId: randomUUID() };
}

/**
 * Starts the sandbox. Resolves with `{ url, port, close, requests, stats, script, dataset }`.
 * `script(callId, steps)` queues behaviours for a call id (see BUILT_IN_FAULTS for step names).
 */
async function startSandbox(options = {}) {
	const config = { ...DEFAULTS, ...options, rateLimit: { ...DEFAULTS.rateLimit, ...(options.rateLimit || {}) } };
	const dataset = options.dataset || generateDataset(options.data);
	const locationId = options.locationId || dataset.locationId;
	const byId = new Map(dataset.callLogs.map((call) => [call.id, call]));
	// The list endpoint serves newest first, like HighLevel without sortBy.
	let newestFirst = newestFirstOf(dataset.callLogs);
	// HighLevel's clock, for calls added with a `visibleAt` (listed late); real time by default.
	const clock = typeof options.clock === 'function' ? options.clock : Date.now;
	const added = new Set();
	const visibleAt = new Map();

	const oauth = createOAuth({ locationId, app: options.oauthApp });
	const scripts = new Map(Object.entries(BUILT_IN_FAULTS).map(([id, steps]) => [id, [...steps]]));
	const requests = [];
	const stats = { total: 0, ok: 0, status429: 0, byStatus: {}, maxInWindow: 0, inFlight: 0, maxInFlight: 0 };
	const windowLog = []; // arrival times inside the current burst window
	let dailyUsed = 0;
	const sockets = new Set();
	const hanging = new Set();

	function rateHeaders(remaining) {
		return {
			'X-RateLimit-Max': String(config.rateLimit.max),
			'X-RateLimit-Remaining': String(Math.max(remaining, 0)),
			'X-RateLimit-Interval-Milliseconds': String(config.rateLimit.intervalMs),
			'X-RateLimit-Limit-Daily': String(config.rateLimit.daily),
			'X-RateLimit-Daily-Remaining': String(Math.max(config.rateLimit.daily - dailyUsed, 0)),
		};
	}

	function send(res, status, body, headers = {}) {
		stats.byStatus[status] = (stats.byStatus[status] || 0) + 1;
		if (status === 429) stats.status429++;
		if (status >= 200 && status < 300) stats.ok++;
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const respond = () => {
			if (res.destroyed) return;
			if (res.markAnswered) res.markAnswered();
			res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
			res.end(text);
		};
		if (config.latencyMs > 0) setTimeout(respond, config.latencyMs);
		else respond();
	}

	/** Sliding-window burst limit and daily quota, counted on arrival like a gateway would. */
	function admit() {
		const now = Date.now();
		while (windowLog.length > 0 && windowLog[0] <= now - config.rateLimit.intervalMs) windowLog.shift();
		// `foreignRequests`: another worker or app spent that many requests just before this one.
		if (config.foreignRequests > 0) {
			const count = Math.min(config.foreignRequests, config.rateLimit.max - windowLog.length);
			for (let i = 0; i < count; i++) windowLog.push(now);
			config.foreignRequests = 0;
		}
		if (dailyUsed >= config.rateLimit.daily) return { ok: false, daily: true };
		if (windowLog.length >= config.rateLimit.max) return { ok: false, daily: false };
		windowLog.push(now);
		dailyUsed++;
		stats.maxInWindow = Math.max(stats.maxInWindow, windowLog.length);
		return { ok: true, remaining: config.rateLimit.max - windowLog.length };
	}

	/** The scopes a token holds, or undefined for a token HighLevel does not know. */
	function scopesOf(token) {
		if (config.tokensWithoutScope.includes(token)) return [];
		if (token === config.token || oauth.isValidAccessToken(token)) return ALL_SCOPES;
		return config.tokenScopes[token];
	}

	/**
	 * Token, Version header, scope and location, in the order HighLevel checks them. `route` (when
	 * known) names the scope and where the location travels: the query, the body of a create and
	 * of an action update, or the path (a recording; `pathLocation`).
	 */
	function authenticate(req, url, route, body, pathLocation) {
		const auth = req.headers.authorization || '';
		const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
		const scopes = token ? scopesOf(token) : undefined;
		if (!scopes) return [401, errorBody(401, 'Invalid token: access token is invalid', 'Unauthorized')];
		const version = req.headers.version;
		if (!version) return [401, errorBody(401, 'version header was not found.', 'Unauthorized')];
		if (!config.versions.includes(version)) return [401, errorBody(401, 'version header is invalid', 'Unauthorized')];
		if (route ? !scopes.includes(route.scope) : scopes.length === 0) {
			return [401, errorBody(401, 'The token is not authorized for this scope.', 'Unauthorized')];
		}
		if (route && route.locationIn === 'path') {
			return pathLocation === locationId ? undefined : [403, errorBody(403, 'The token does not have access to this location.', 'Forbidden')];
		}
		if (route && route.locationIn === 'body') {
			// A missing locationId is one of the body's broken rules (422), reported with the others.
			const requested = body && typeof body === 'object' ? body.locationId : undefined;
			if (typeof requested === 'string' && requested !== '' && requested !== locationId) {
				return [403, errorBody(403, 'The token does not have access to this location.', 'Forbidden')];
			}
			return undefined;
		}
		const requested = url.searchParams.get('locationId');
		if (!requested) {
			// Live, GET /voice-ai/agents/{id} without locationId answers 403, not a 422.
			if (route && route.missingLocation === 403) return [403, errorBody(403, 'The token does not have access to this location.', 'Forbidden')];
			return [422, errorBody(422, ['locationId should not be empty', 'locationId must be a string'], 'Unprocessable Entity')];
		}
		if (requested !== locationId) {
			return [403, errorBody(403, 'The token does not have access to this location.', 'Forbidden')];
		}
		return undefined;
	}

	function nextStep(callId) {
		const steps = scripts.get(callId);
		if (!steps || steps.length === 0) return 'ok';
		return steps.length > 1 ? steps.shift() : steps[0];
	}

	/** The first of `keys` with a script decides (e.g. "POST /voice-ai/agents", then an id). */
	function stepFor(keys) {
		const key = keys.find((candidate) => candidate !== undefined && (scripts.get(candidate) || []).length > 0);
		return key === undefined ? 'ok' : nextStep(key);
	}

	function serveFault(step, req, res, rate, callId) {
		if (step === 'reset') return req.socket.destroy();
		if (step === 'hang') return hanging.add(res);
		if (step === 'html') return send(res, 200, '<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>', { ...rate, 'Content-Type': 'text/html' });
		if (step === 'empty') return send(res, 200, '', rate);
		if (step === 'truncated') return send(res, 200, JSON.stringify(byId.get('507f1f77bcf86cd799439011')).slice(0, 120), rate);
		if (step === 'shape') return send(res, 200, { callLog: { id: callId } }, rate);
		if (step === 'burst429') return send(res, 429, errorBody(429, 'Too Many Requests'), { ...rate, 'X-RateLimit-Remaining': '0', ...(config.faultRetryAfter !== undefined && { 'Retry-After': String(config.faultRetryAfter) }) });
		if (step === 'daily429') return send(res, 429, errorBody(429, 'Too Many Requests'), { ...rate, 'X-RateLimit-Remaining': '0', 'X-RateLimit-Daily-Remaining': '0' });
		if (step === 'echoAuth') return send(res, 400, errorBody(400, `Malformed Authorization header: ${req.headers.authorization}`, 'Bad Request'), rate);
		if (step.startsWith('proxyHtml:')) {
			const code = Number(step.split(':')[1]);
			return send(res, code, `<html><head><title>${code} Bad Gateway</title></head><body>upstream failed for ${req.headers.authorization}</body></html>`, { ...rate, 'Content-Type': 'text/html' });
		}
		const status = Number(step.split(':')[1]);
		if (status === 422) return send(res, 422, errorBody(422, ['callId must be a mongodb id', 'callId should not be empty'], 'Unprocessable Entity'), rate);
		return send(res, status, errorBody(status, status === 503 ? 'Service Unavailable' : 'Internal server error'), rate);
	}

	function listCallLogs(url, res, rate) {
		const q = url.searchParams;
		const page = Number(q.get('page') || 1);
		const pageSize = Number(q.get('pageSize') || 10);
		if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50) {
			return send(res, 422, errorBody(422, ['pageSize must not be greater than 50', 'page must be a positive number'], 'Unprocessable Entity'), rate);
		}
		const start = q.get('startDate');
		const end = q.get('endDate');
		if ((start === null) !== (end === null)) return send(res, 400, errorBody(400, 'Both startDate and endDate must be provided together', 'Bad Request'), rate);
		const now = clock();
		let calls = visibleAt.size > 0 ? newestFirst.filter((c) => !(visibleAt.get(c.id) > now)) : newestFirst;
		if (q.get('agentId')) calls = calls.filter((c) => c.agentId === q.get('agentId'));
		if (q.get('contactId')) {
			const ids = new Set(q.get('contactId').split(','));
			calls = calls.filter((c) => ids.has(c.contactId));
		}
		if (q.get('callType')) calls = calls.filter((c) => (q.get('callType') === 'TRIAL') === Boolean(c.trialCall));
		if (start !== null) calls = calls.filter((c) => Date.parse(c.createdAt) >= Number(start) && Date.parse(c.createdAt) < Number(end));
		if (q.get('actionType')) {
			const types = new Set(q.get('actionType').split(','));
			calls = calls.filter((c) => Array.isArray(c.executedCallActions) && c.executedCallActions.some((a) => a && types.has(a.actionType)));
		}
		const sortBy = q.get('sortBy');
		if (sortBy === 'duration' || sortBy === 'createdAt') {
			const sign = q.get('sort') === 'ascend' ? 1 : -1;
			const key = (c) => (sortBy === 'duration' ? c.duration : Date.parse(c.createdAt));
			calls = [...calls].sort((a, b) => sign * (key(a) - key(b)));
		}
		const callLogs = calls.slice((page - 1) * pageSize, page * pageSize);
		return send(res, 200, { total: calls.length, page, pageSize, callLogs }, rate);
	}

	// --- Agents and their actions: a store that tests may change and reset() restores. ---
	const agents = new Map();
	const actions = new Map();
	let createdAgents = 0;
	let createdActions = 0;
	const clone = (value) => JSON.parse(JSON.stringify(value));
	const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

	function restoreAgents() {
		agents.clear();
		actions.clear();
		for (const agent of dataset.agents || []) agents.set(agent.id, clone(agent));
		for (const action of dataset.actions || []) actions.set(action.id, clone(action));
		createdAgents = 0;
		createdActions = 0;
	}
	restoreAgents();

	/** What HighLevel answers for an action: `{ id, actionType, name, actionParameters }`, no agentId. */
	const actionView = (action) => ({ id: action.id, actionType: action.actionType, name: action.name, actionParameters: clone(action.actionParameters) });
	const actionsOf = (agentId) => [...actions.values()].filter((action) => action.agentId === agentId).map(actionView);
	/** An agent answer; its id under `idKey` (the list says `id`, the single GET `_id`, as the spec's example). */
	function agentView(agent, idKey, withActions) {
		const { id, ...fields } = clone(agent);
		return { [idKey]: id, ...fields, ...(withActions && { actions: actionsOf(id) }) };
	}
	const unprocessable = (messages) => [422, errorBody(422, messages, 'Unprocessable Entity')];
	const notFound = (noun, id) =>
		config.notFoundStatus === 404
			? [404, errorBody(404, `${noun[0].toUpperCase()}${noun.slice(1)} not found: ${id}`, 'Not Found')]
			: [400, errorBody(400, `No ${noun} found for the id: ${id}`, 'Bad Request')];
	/** Live, an actionParameters string fails inside HighLevel's transformer before any rule. */
	const stringParameters = (body) =>
		isObject(body) && typeof body.actionParameters === 'string'
			? [400, errorBody(400, "Cannot read properties of undefined (reading 'constructor')", 'Bad Request')]
			: undefined;

	function defaultAgent(number) {
		return {
			agentName: `My Agent ${100 + number}`,
			businessName: 'Sunrise Dental',
			welcomeMessage: 'Hi, thanks for calling Sunrise Dental. How can I help you today?',
			agentPrompt: 'You are a helpful receptionist for Sunrise Dental.',
			voiceId: '21m00Tcm4TlvDq8ikWAM',
			language: 'en-US',
			patienceLevel: 'high',
			maxCallDuration: 300,
			sendUserIdleReminders: true,
			reminderAfterIdleTimeSeconds: 8,
			inboundNumber: null,
			numberPoolId: null,
			callEndWorkflowIds: [],
			sendPostCallNotificationTo: { admins: true, allUsers: false, contactAssignedUser: false, specificUsers: [], customEmails: [] },
			agentWorkingHours: [],
			timezone: 'America/New_York',
			isAgentAsBackupDisabled: false,
			translation: { enabled: false },
		};
	}

	function listAgents(url) {
		const q = url.searchParams;
		const page = Number(q.get('page') || 1);
		const pageSize = Number(q.get('pageSize') || 10);
		const broken = [];
		if (!Number.isInteger(page) || page < 1 || page > 5000) broken.push('page must not be less than 1', 'page must not be greater than 5000');
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50) broken.push('pageSize must not be greater than 50', 'pageSize must not be less than 1');
		if (broken.length > 0) return unprocessable(broken);
		const query = (q.get('query') || '').trim().toLowerCase();
		const matching = [...agents.values()].filter((agent) => !query || agent.agentName.toLowerCase().includes(query));
		const entries = matching.slice((page - 1) * pageSize, page * pageSize).map((agent) => agentView(agent, 'id', true));
		return [200, { total: matching.length, page, pageSize, agents: entries }];
	}

	function createAgent(body) {
		if (!isObject(body)) return unprocessable(['locationId should not be empty', 'locationId must be a string']);
		const broken = validateAgent(body, 'create');
		if (broken.length > 0) return unprocessable(broken);
		createdAgents++;
		const { locationId: _location, ...fields } = clone(body);
		const id = `agentnew${String(createdAgents).padStart(16, '0')}`;
		const agent = { id, locationId, ...defaultAgent(createdAgents), ...fields };
		agents.set(id, agent);
		return [201, agentView(agent, config.createdAgentIdKey, false)];
	}

	function patchAgent(id, body) {
		const agent = agents.get(id);
		const broken = isObject(body) ? validateAgent(body, 'patch', agent) : ['body must be an object'];
		if (broken.length > 0) return unprocessable(broken);
		if (!agent) return notFound('agent', id);
		Object.assign(agent, clone(body));
		return [200, agentView(agent, 'id', false)];
	}

	function deleteAgent(id) {
		if (!agents.has(id)) return notFound('agent', id);
		agents.delete(id);
		for (const [actionId, action] of actions) if (action.agentId === id) actions.delete(actionId);
		return [204, undefined];
	}

	function checkActionBody(body) {
		const quirk = stringParameters(body);
		if (quirk) return quirk;
		const broken = isObject(body) ? validateAction(body, { requireTransferBotType: config.requireTransferBotType }) : ['body must be an object'];
		if (broken.length > 0) return unprocessable(broken);
		if (!agents.has(body.agentId)) return notFound('agent', body.agentId);
		return undefined;
	}

	function createAction(body) {
		const refused = checkActionBody(body);
		if (refused) return refused;
		createdActions++;
		const action = { id: `actionnew${String(createdActions).padStart(15, '0')}`, agentId: body.agentId, actionType: body.actionType, name: body.name, actionParameters: clone(body.actionParameters) };
		actions.set(action.id, action);
		return [201, actionView(action)];
	}

	function putAction(id, body) {
		const refused = checkActionBody(body);
		if (refused) return refused;
		const action = actions.get(id);
		if (!action) return notFound('action', id);
		Object.assign(action, { agentId: body.agentId, actionType: body.actionType, name: body.name, actionParameters: clone(body.actionParameters) });
		return [200, actionView(action)];
	}

	function deleteAction(id, url) {
		const agentId = url.searchParams.get('agentId');
		if (!agentId) return unprocessable(['agentId should not be empty', 'agentId must be a string']);
		const action = actions.get(id);
		if (!action || action.agentId !== agentId) return notFound('action', id);
		actions.delete(id);
		return [204, undefined];
	}

	// --- Recordings: one for every call with a messageId (Conversations API). ---
	function callWithMessage(messageId) {
		if (RECORDING_FAULTS[messageId]) return { id: messageId, messageId };
		return dataset.callLogs.find((call) => call.messageId === messageId);
	}

	/** Answers the recording of a message, or a scripted fault keyed by the message id. */
	function serveRecording({ id: messageId, req, res, rate }) {
		const step = stepFor([messageId]);
		if (step !== 'ok') return serveFault(step, req, res, rate, messageId);
		const call = callWithMessage(messageId);
		if (!call || RECORDING_FAULTS[messageId] === 'missing') {
			return config.recordingNotFoundStatus === 400
				? send(res, 400, errorBody(400, `No recording found for the message id: ${messageId}`, 'Bad Request'), rate)
				: send(res, 404, errorBody(404, 'Recording not found', 'Not Found'), rate);
		}
		const fault = RECORDING_FAULTS[messageId];
		if (fault === 'json') return send(res, 200, { url: `https://storage.example/${messageId}.wav` }, rate);
		if (fault === 'huge') return streamHugeRecording(res, rate);
		const wav = recordingWav(messageId);
		stats.byStatus[200] = (stats.byStatus[200] || 0) + 1;
		stats.ok++;
		if (res.markAnswered) res.markAnswered();
		res.writeHead(200, { ...rate, ...(fault !== 'untyped' && { 'Content-Type': 'audio/x-wav' }), 'Content-Length': String(wav.length) });
		return res.end(wav);
	}

	/** A WAV that announces HUGE_RECORDING_BYTES and makes silence only as fast as it is read. */
	function streamHugeRecording(res, rate) {
		stats.byStatus[200] = (stats.byStatus[200] || 0) + 1;
		stats.ok++;
		if (res.markAnswered) res.markAnswered();
		res.writeHead(200, { ...rate, 'Content-Type': 'audio/x-wav', 'Content-Length': String(44 + HUGE_RECORDING_BYTES) });
		res.write(wavHeader(HUGE_RECORDING_BYTES));
		const chunk = Buffer.alloc(64 * 1024);
		let sent = 0;
		const pump = () => {
			while (sent < HUGE_RECORDING_BYTES && !res.destroyed) {
				sent += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
			if (!res.destroyed) res.end();
		};
		pump();
	}

	const DASHBOARD = 'voice-ai-dashboard.readonly';
	const AGENT = /^\/voice-ai\/agents\/([^/]+)$/;
	const ACTION = /^\/voice-ai\/actions\/([^/]+)$/;
	/**
	 * Every endpoint: the scope it needs and where its locationId travels (the query, unless
	 * `locationIn: 'body'`). Call-log routes `serve` themselves; the others `answer` with
	 * [status, body], so that a scripted fault can strike before or after the change is applied.
	 */
	const routes = [
		{ method: 'GET', pattern: /^\/voice-ai\/dashboard\/call-logs$/, scope: DASHBOARD, serve: serveCallLogList },
		{ method: 'GET', pattern: /^\/voice-ai\/dashboard\/call-logs\/([^/]+)$/, scope: DASHBOARD, serve: serveCallRoute },
		{ method: 'GET', pattern: /^\/voice-ai\/agents$/, scope: 'voice-ai-agents.readonly', answer: ({ url }) => listAgents(url) },
		{ method: 'POST', pattern: /^\/voice-ai\/agents$/, scope: 'voice-ai-agents.write', locationIn: 'body', answer: ({ body }) => createAgent(body) },
		{ method: 'GET', pattern: AGENT, scope: 'voice-ai-agents.readonly', missingLocation: 403, answer: ({ id }) => (agents.has(id) ? [200, agentView(agents.get(id), '_id', true)] : notFound('agent', id)) },
		{ method: 'PATCH', pattern: AGENT, scope: 'voice-ai-agents.write', answer: ({ id, body }) => patchAgent(id, body) },
		{ method: 'DELETE', pattern: AGENT, scope: 'voice-ai-agents.write', answer: ({ id }) => deleteAgent(id) },
		{ method: 'POST', pattern: /^\/voice-ai\/actions$/, scope: 'voice-ai-agent-goals.write', locationIn: 'body', answer: ({ body }) => createAction(body) },
		{ method: 'GET', pattern: ACTION, scope: 'voice-ai-agent-goals.readonly', answer: ({ id }) => (actions.has(id) ? [200, actionView(actions.get(id))] : notFound('action', id)) },
		{ method: 'PUT', pattern: ACTION, scope: 'voice-ai-agent-goals.write', locationIn: 'body', answer: ({ id, body }) => putAction(id, body) },
		{ method: 'DELETE', pattern: ACTION, scope: 'voice-ai-agent-goals.write', answer: ({ id, url }) => deleteAction(id, url) },
		// The location is the path's second id; HighLevel documents no query for it here.
		{ method: 'GET', pattern: /^\/conversations\/messages\/([^/]+)\/locations\/([^/]+)\/recording$/, scope: 'conversations/message.readonly', locationIn: 'path', serve: serveRecording },
	];

	function findRoute(method, pathname) {
		for (const route of routes) {
			const match = route.method === method && route.pattern.exec(pathname);
			if (match) {
				const decoded = match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
				return { route, id: decoded[0], pathLocation: decoded[1] };
			}
		}
		return undefined;
	}

	/** The call-log list, with faults or slowness scripted under CALL_LOG_LIST (polling tests). */
	function serveCallLogList({ req, url, res, rate }) {
		const step = nextStep(CALL_LOG_LIST);
		if (step.startsWith('slow:')) return void setTimeout(() => listCallLogs(url, res, rate), Number(step.split(':')[1]));
		if (step !== 'ok') return serveFault(step, req, res, rate, CALL_LOG_LIST);
		return listCallLogs(url, res, rate);
	}

	function serveCallRoute({ id: callId, req, res, rate }) {
		const step = nextStep(callId);
		// 'slow:<ms>' answers normally after extra latency, so answers can finish out of order.
		if (step.startsWith('slow:')) return void setTimeout(() => serveCall(callId, res, rate), Number(step.split(':')[1]));
		if (step !== 'ok') return serveFault(step, req, res, rate, callId);
		return serveCall(callId, res, rate);
	}

	/**
	 * Answers an agent or action route. A scripted step (keyed "METHOD /path", or by the id in the
	 * path) strikes before anything happens; "applied-<step>" applies the change first, the way a
	 * connection lost on the way back leaves a write done but unconfirmed.
	 */
	function answerRoute(route, context) {
		const { req, res, rate, url, id } = context;
		const step = stepFor([`${req.method} ${url.pathname}`, id]);
		const applied = step.startsWith('applied-');
		const fault = applied ? step.slice('applied-'.length) : step;
		if (fault !== 'ok' && !applied) return serveFault(fault, req, res, rate, id);
		const [status, body] = route.answer(context);
		if (applied) return serveFault(fault, req, res, rate, id);
		return send(res, status, body === undefined ? '' : body, rate);
	}

	function handle(req, res, url, found, raw) {
		let body;
		if (raw !== undefined && raw.trim() !== '') {
			try {
				body = JSON.parse(raw);
			} catch (error) {
				return send(res, 400, errorBody(400, `Unexpected token in JSON: ${error.message}`, 'Bad Request'));
			}
		}
		const route = found && found.route;
		const denied = authenticate(req, url, route, body, found && found.pathLocation);
		if (denied) return send(res, denied[0], denied[1], rateHeaders(config.rateLimit.max - windowLog.length));
		const admitted = admit();
		if (!admitted.ok) {
			return send(res, 429, errorBody(429, 'Too Many Requests'), { ...rateHeaders(0), ...(admitted.daily && { 'X-RateLimit-Daily-Remaining': '0' }) });
		}
		const rate = rateHeaders(admitted.remaining);
		if (!route) return send(res, 404, errorBody(404, `Cannot ${req.method} ${url.pathname}`, 'Not Found'), rate);
		const context = { id: found.id, url, body, req, res, rate };
		return route.serve ? route.serve(context) : answerRoute(route, context);
	}

	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://sandbox.local');
		stats.total++;
		// Requests open at once, to check a client's concurrency bound. A request stops counting when
		// its answer starts (the client cannot have it sooner) or its connection closes.
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		let open = true;
		res.markAnswered = () => {
			if (open) stats.inFlight--;
			open = false;
		};
		res.on('close', res.markAnswered);
		const record = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, at: Date.now() };
		if (config.recordRequests) requests.push(record);
		if (url.pathname === '/__sandbox/health') return send(res, 200, { ok: true, calls: dataset.callLogs.length });
		if (req.method === 'POST' && oauth.handle(req, res, url)) return undefined;

		const found = findRoute(req.method, url.pathname);
		if (!['POST', 'PUT', 'PATCH'].includes(req.method)) return handle(req, res, url, found, undefined);
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= 1024 * 1024) chunks.push(chunk);
		});
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			try {
				record.body = raw === '' ? undefined : JSON.parse(raw);
			} catch {
				record.body = raw;
			}
			handle(req, res, url, found, raw);
		});
		req.on('error', () => res.destroy());
	});

	function serveCall(callId, res, rate) {
		const seed = byId.get('507f1f77bcf86cd799439011');
		const call =
			byId.get(callId) ||
			(BUILT_IN_FAULTS[callId] && { ...seed, id: callId }) ||
			(RECORDING_FAULTS[callId] && { ...seed, id: callId, messageId: callId });
		if (!call) {
			return config.notFoundStatus === 404
				? send(res, 404, errorBody(404, `Call log not found: ${callId}`, 'Not Found'), rate)
				: send(res, 400, errorBody(400, `No call log found for the id: ${callId}`, 'Bad Request'), rate);
		}
		return send(res, 200, call, rate);
	}
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	function addCallLog(call, { visibleAt: at } = {}) {
		dataset.callLogs.push(call);
		byId.set(call.id, call);
		added.add(call.id);
		if (at !== undefined) visibleAt.set(call.id, at);
		newestFirst = newestFirstOf(dataset.callLogs);
	}

	// `liveFeedMs`: a new call (a copy of a generated one, made now) every so often, for demos of the
	// polling trigger.
	let liveFeed;
	if (config.liveFeedMs > 0) {
		const templates = dataset.callLogs.filter((c) => /^call\d+$/.test(c.id));
		let fed = 0;
		liveFeed = setInterval(() => {
			const template = templates[fed % templates.length];
			if (!template) return;
			const at = clock();
			const actions = Array.isArray(template.executedCallActions) ? template.executedCallActions : [];
			addCallLog({
				...template,
				id: `live${at.toString(36)}${String(fed++).padStart(6, '0')}`,
				createdAt: new Date(at).toISOString(),
				executedCallActions: actions.map((a, k) => ({ ...a, executedAt: new Date(at + (k + 1) * 20000).toISOString() })),
			});
		}, config.liveFeedMs);
		liveFeed.unref();
	}

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, resolve);
	});
	const { port } = server.address();

	return {
		url: `http://${config.host}:${port}`,
		port,
		dataset,
		locationId,
		token: config.token,
		oauth,
		requests,
		stats,
		/**
		 * Queues behaviours for a call id, an agent or action id, or a route ("POST /voice-ai/agents"),
		 * e.g. script('abc', ['status:503', 'ok']).
		 */
		script(key, steps) {
			scripts.set(key, [...steps]);
		},
		/** The agents and actions as they are now (changed by the requests since the last reset). */
		agents: () => [...agents.values()].map(clone),
		actions: () => [...actions.values()].map(clone),
		/**
		 * Resets counters, recorded requests, the rate-limit windows, scripted faults and the agents
		 * and actions (to the data set's) between test cases.
		 */
		reset() {
			requests.length = 0;
			windowLog.length = 0;
			dailyUsed = 0;
			Object.assign(stats, { total: 0, ok: 0, status429: 0, byStatus: {}, maxInWindow: 0, maxInFlight: stats.inFlight });
			scripts.clear();
			for (const [id, steps] of Object.entries(BUILT_IN_FAULTS)) scripts.set(id, [...steps]);
			oauth.reset();
			scripts.delete(CALL_LOG_LIST);
			if (added.size > 0) {
				dataset.callLogs = dataset.callLogs.filter((c) => !added.has(c.id));
				for (const id of added) byId.delete(id);
				added.clear();
				visibleAt.clear();
				newestFirst = newestFirstOf(dataset.callLogs);
			}
			restoreAgents();
		},
		/**
		 * Adds a call log; with `visibleAt` (on the `clock`), HighLevel lists it only from then on, as
		 * it does with logs that are written late. `reset()` removes added calls.
		 */
		addCallLog,
		setRateLimit(limits) {
			Object.assign(config.rateLimit, limits);
		},
		setOption(name, value) {
			config[name] = value;
		},
		async close() {
			if (liveFeed) clearInterval(liveFeed);
			for (const res of hanging) res.destroy();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startSandbox, BUILT_IN_FAULTS, RECORDING_FAULTS, DEFAULTS, CALL_LOG_LIST, ALL_SCOPES, LANGUAGES, recordingWav, HUGE_RECORDING_BYTES };
