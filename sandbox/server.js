'use strict';
// A local stand-in for HighLevel's Voice AI API (services.leadconnectorhq.com), for tests, the
// benchmark and demos. It listens on loopback only and reproduces what matters to a client:
// Bearer auth, the Version header, locationId, scopes, NestJS-style error bodies, the
// X-RateLimit-* headers with a sliding burst window and a daily quota, latency, and scripted
// faults (resets, timeouts, HTML pages, truncated JSON, 5xx, 429s).

const http = require('http');
const { randomUUID } = require('crypto');
const { generateDataset } = require('./data');
const { createOAuth } = require('./oauth');

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	token: 'pit-sandbox-token',
	/** Tokens that authenticate but lack voice-ai-dashboard.readonly. */
	tokensWithoutScope: ['pit-no-voice-ai-scope'],
	versions: ['2021-04-15', 'v3', '2021-07-28', '2023-02-21'],
	latencyMs: 0,
	rateLimit: { max: 100, intervalMs: 10000, daily: 200000 },
	/** HighLevel has answered an unknown call id with 400 on some APIs and 404 on others. */
	notFoundStatus: 400,
	recordRequests: true,
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
		if (dailyUsed >= config.rateLimit.daily) return { ok: false, daily: true };
		if (windowLog.length >= config.rateLimit.max) return { ok: false, daily: false };
		windowLog.push(now);
		dailyUsed++;
		stats.maxInWindow = Math.max(stats.maxInWindow, windowLog.length);
		return { ok: true, remaining: config.rateLimit.max - windowLog.length };
	}

	function authenticate(req, url) {
		const auth = req.headers.authorization || '';
		const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
		const known = token === config.token || config.tokensWithoutScope.includes(token) || oauth.isValidAccessToken(token);
		if (!token || !known) {
			return [401, errorBody(401, 'Invalid token: access token is invalid', 'Unauthorized')];
		}
		const version = req.headers.version;
		if (!version) return [401, errorBody(401, 'version header was not found.', 'Unauthorized')];
		if (!config.versions.includes(version)) return [401, errorBody(401, 'version header is invalid', 'Unauthorized')];
		if (config.tokensWithoutScope.includes(token)) {
			return [401, errorBody(401, 'The token is not authorized for this scope.', 'Unauthorized')];
		}
		const requested = url.searchParams.get('locationId');
		if (!requested) return [422, errorBody(422, ['locationId should not be empty', 'locationId must be a string'], 'Unprocessable Entity')];
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
		if (config.recordRequests) {
			requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, at: Date.now() });
		}
		if (url.pathname === '/__sandbox/health') return send(res, 200, { ok: true, calls: dataset.callLogs.length });
		if (req.method === 'POST' && oauth.handle(req, res, url)) return undefined;

		const denied = authenticate(req, url);
		if (denied) return send(res, denied[0], denied[1], rateHeaders(config.rateLimit.max - windowLog.length));
		const admitted = admit();
		if (!admitted.ok) {
			return send(res, 429, errorBody(429, 'Too Many Requests'), { ...rateHeaders(0), ...(admitted.daily && { 'X-RateLimit-Daily-Remaining': '0' }) });
		}
		const rate = rateHeaders(admitted.remaining);

		if (req.method !== 'GET') return send(res, 404, errorBody(404, `Cannot ${req.method} ${url.pathname}`, 'Not Found'), rate);
		if (url.pathname === '/voice-ai/dashboard/call-logs') {
			const step = nextStep(CALL_LOG_LIST);
			if (step.startsWith('slow:')) return void setTimeout(() => listCallLogs(url, res, rate), Number(step.split(':')[1]));
			if (step !== 'ok') return serveFault(step, req, res, rate, CALL_LOG_LIST);
			return listCallLogs(url, res, rate);
		}
		const match = /^\/voice-ai\/dashboard\/call-logs\/([^/]+)$/.exec(url.pathname);
		if (match) {
			const callId = decodeURIComponent(match[1]);
			const step = nextStep(callId);
			// 'slow:<ms>' answers normally after extra latency, so answers can finish out of order.
			if (step.startsWith('slow:')) return void setTimeout(() => serveCall(callId, res, rate), Number(step.split(':')[1]));
			if (step !== 'ok') return serveFault(step, req, res, rate, callId);
			return serveCall(callId, res, rate);
		}
		if (url.pathname === '/voice-ai/agents') {
			return send(res, 200, { total: dataset.agents.length, page: 1, pageSize: dataset.agents.length, agents: dataset.agents }, rate);
		}
		return send(res, 404, errorBody(404, `Cannot GET ${url.pathname}`, 'Not Found'), rate);
	});

	function serveCall(callId, res, rate) {
		const call = byId.get(callId) || (BUILT_IN_FAULTS[callId] && { ...byId.get('507f1f77bcf86cd799439011'), id: callId });
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
		/** Queues behaviours for a call id, e.g. script('abc', ['status:503', 'ok']). */
		script(callId, steps) {
			scripts.set(callId, [...steps]);
		},
		/** Resets counters, recorded requests and the rate-limit windows between test cases. */
		reset() {
			requests.length = 0;
			windowLog.length = 0;
			dailyUsed = 0;
			Object.assign(stats, { total: 0, ok: 0, status429: 0, byStatus: {}, maxInWindow: 0, maxInFlight: stats.inFlight });
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

module.exports = { startSandbox, BUILT_IN_FAULTS, DEFAULTS, CALL_LOG_LIST };
