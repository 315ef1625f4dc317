'use strict';
// A stand-in for OpenAI's Chat Completions API on 127.0.0.1, for n8n's OpenAI Chat Model with its
// credential's Base URL pointed here. It records every request and answers with what `reply`
// returns for it: a tool call or a final text (plain JSON, or server-sent events when the client
// asks to stream). Nothing leaves the machine.

const http = require('http');

/** The messages' text, whatever shape the client sent (a string or a list of parts). */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part?.text ?? '').join('');
	return '';
}

function completion({ model, toolCall, text }, id) {
	const message = toolCall
		? {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${id}`,
						type: 'function',
						function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) },
					},
				],
			}
		: { role: 'assistant', content: text };
	return {
		id: `chatcmpl-fake-${id}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{ index: 0, message, logprobs: null, finish_reason: toolCall ? 'tool_calls' : 'stop' },
		],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The same answer as a stream of chunks, as OpenAI sends it with `stream: true`. */
function chunks(answer) {
	const { message, finish_reason: finishReason } = answer.choices[0];
	const base = {
		id: answer.id,
		object: 'chat.completion.chunk',
		created: answer.created,
		model: answer.model,
	};
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
			}
		: { role: 'assistant', content: message.content };
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{
			...base,
			choices: [{ index: 0, delta: {}, finish_reason: finishReason }],
			usage: answer.usage,
		},
	];
}

/**
 * Starts the server. `reply(request)` gets `{ body, messages, userText, toolResults }` (toolResults:
 * the contents of the `tool` messages so far) and returns `{ toolCall: { name, arguments } }` or
 * `{ text }`. Resolves with `{ url, requests, close }`; `url` ends in /v1 like OpenAI's.
 */
async function startFakeOpenAi(reply) {
	const requests = [];
	let answered = 0;
	const server = http.createServer((req, res) => {
		const parts = [];
		req.on('data', (chunk) => parts.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(parts).toString('utf8');
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			requests.push({ method: req.method, path: req.url, headers: { ...req.headers }, body });
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `No route ${req.method} ${req.url}` } }));
				return;
			}
			const messages = body.messages || [];
			const userText = messages
				.filter((message) => message.role === 'user')
				.map((message) => textOf(message.content))
				.join('\n');
			const toolResults = messages
				.filter((message) => message.role === 'tool')
				.map((message) => textOf(message.content));
			let answer;
			try {
				answer = completion(
					{ model: body.model, ...reply({ body, messages, userText, toolResults }) },
					++answered,
				);
			} catch (error) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: String(error.message || error) } }));
				return;
			}
			if (body.stream) {
				res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
				for (const chunk of chunks(answer)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(answer));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(resolve);
			}),
	};
}

module.exports = { startFakeOpenAi };
