'use strict';
// `npm run screenshot`: retakes docs/images/n8n-editor.png from the running `npm start` instance
// with Debian's chromium (headless, no sandbox, background networking off), driven over the
// DevTools protocol with Node 24's built-in WebSocket, so no browser library is needed.
// It logs in, opens "act on each call action", executes it and shows Get Call Log's output.

const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('./real-n8n');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUTPUT = path.join(n8n.PROJECT_DIR, 'docs', 'images', 'n8n-editor.png');
/** The node's parameters panel: Authentication, the Call ID picker, One Item Per, Output, Options. */
const PARAMETERS_OUTPUT = path.join(n8n.PROJECT_DIR, 'docs', 'images', 'n8n-node-parameters.png');
const WORKFLOW_ID = 'hlActOnEachAction';
const NODE_NAME = 'Get Call Log';
const VIEWPORT = { width: 1600, height: 1200 };
const LOGS_PANEL_HEIGHT = 580;

/** A minimal DevTools protocol client: numbered commands, promised replies. */
function connect(webSocketUrl) {
	const socket = new WebSocket(webSocketUrl);
	const pending = new Map();
	let nextId = 1;
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		const waiter = pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
		else waiter.resolve(message.result);
	});
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject, method });
			socket.send(JSON.stringify({ id, method, params }));
		});
	return new Promise((resolve, reject) => {
		socket.addEventListener('open', () => resolve({ send, close: () => socket.close() }));
		socket.addEventListener('error', () => reject(new Error(`cannot connect to ${webSocketUrl}`)));
	});
}

async function launchChromium() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-chromium-'));
	const child = spawn(
		CHROMIUM,
		[
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-default-apps',
			'--disable-extensions',
			'--disable-domain-reliability',
			'--disable-client-side-phishing-detection',
			'--no-first-run',
			'--no-default-browser-check',
			'--hide-scrollbars',
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			`--user-data-dir=${profile}`,
			'--remote-debugging-address=127.0.0.1',
			'--remote-debugging-port=0',
			'about:blank',
		],
		{ stdio: 'ignore' },
	);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	// Chromium writes the port it picked into the profile folder.
	const portFile = path.join(profile, 'DevToolsActivePort');
	for (let i = 0; i < 100 && !fs.existsSync(portFile); i++) await n8n.sleep(100);
	const port = fs.readFileSync(portFile, 'utf8').split('\n')[0];
	const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	const page = targets.find((target) => target.type === 'page');
	const close = async () => {
		await n8n.stopProcess(child, exited, 5000);
		fs.rmSync(profile, { recursive: true, force: true });
	};
	return { page: await connect(page.webSocketDebuggerUrl), close };
}

async function main() {
	const runningFile = path.join(n8n.LOCAL_DIR, 'start', 'running.json');
	if (!fs.existsSync(runningFile))
		throw new Error('n8n is not running: start it with `npm start` in another terminal first.');
	const { url } = JSON.parse(fs.readFileSync(runningFile, 'utf8'));
	const browser = await launchChromium();
	try {
		const { send } = browser.page;
		const evaluate = async (expression) => {
			const { result, exceptionDetails } = await send('Runtime.evaluate', {
				expression,
				awaitPromise: true,
				returnByValue: true,
			});
			if (exceptionDetails)
				throw new Error(
					`${expression.slice(0, 80)}: ${exceptionDetails.exception ? exceptionDetails.exception.description : exceptionDetails.text}`,
				);
			return result.value;
		};
		const waitFor = async (what, expression, timeoutMs = 30000) => {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (await evaluate(expression)) return;
				await n8n.sleep(200);
			}
			throw new Error(`timed out waiting for ${what}`);
		};
		await send('Page.enable');
		await send('Runtime.enable');
		await send('Emulation.setDeviceMetricsOverride', {
			...VIEWPORT,
			deviceScaleFactor: 1,
			mobile: false,
		});

		await send('Page.navigate', { url: `${url}/signin` });
		await waitFor('the sign-in page', "document.readyState === 'complete'");
		const login = JSON.stringify({
			emailOrLdapLoginId: n8n.OWNER.email,
			password: n8n.OWNER.password,
		});
		const status = await evaluate(
			`fetch('/rest/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: ${JSON.stringify(login)} }).then((r) => r.status)`,
		);
		if (status !== 200) throw new Error(`login failed: HTTP ${status}`);

		// The logs panel under the canvas shows a node's output next to the workflow.
		await evaluate(`localStorage.setItem('N8N_LOGS_PANEL_OPEN', 'true')`);

		await send('Page.navigate', { url: `${url}/workflow/${WORKFLOW_ID}` });
		await waitFor(
			'the workflow canvas',
			`!!document.querySelector('[data-test-id="execute-workflow-button"]')`,
		);
		await n8n.sleep(1000);
		await evaluate(`document.querySelector('[data-test-id="execute-workflow-button"]').click()`);
		await waitFor(
			'the run to finish',
			`document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 3`,
		);
		await evaluate(
			`document.querySelectorAll('.el-notification__closeBtn').forEach((button) => button.click())`,
		);
		await waitFor(
			'the logs panel',
			`!!document.querySelector('[data-test-id="logs-overview-body"]')`,
		);
		const found = await evaluate(`(() => {
			const names = [...document.querySelectorAll('[data-test-id="logs-overview-body"] [role="treeitem"]')];
			const row = names.find((element) => element.textContent.trim().startsWith(${JSON.stringify(NODE_NAME)}));
			if (row) row.click();
			return !!row;
		})()`);
		if (!found) throw new Error(`no "${NODE_NAME}" entry in the logs panel`);
		await waitFor(
			'the output table',
			`(document.querySelector('[data-test-id="run-data-item-count"]') || {}).textContent === '8 items' && !!document.querySelector('[data-test-id="ndv-data-container"] table')`,
		);
		await dragLogsPanelTo(send, evaluate, VIEWPORT.height - LOGS_PANEL_HEIGHT);
		// Start the table at the action columns: the call columns repeat on every item anyway.
		await evaluate(`(() => {
			const table = document.querySelector('[data-test-id="ndv-data-container"] table');
			const column = [...table.querySelectorAll('th')].find((th) => th.textContent.trim() === 'actionIndex');
			const scroller = [table.parentElement, table.parentElement.parentElement, document.querySelector('[data-test-id="ndv-data-container"]')].find((element) => element.scrollWidth > element.clientWidth);
			if (scroller) scroller.scrollLeft = column.offsetLeft;
		})()`);
		await evaluate(`document.querySelector('[data-test-id="zoom-to-fit"]').click()`);
		await n8n.sleep(1000);

		await saveScreenshot(send, OUTPUT);

		// Then the node's own panel, with its options opened.
		const node = await evaluate(`(() => {
			const element = [...document.querySelectorAll('[data-test-id="canvas-node"]')].find((candidate) => candidate.textContent.includes(${JSON.stringify(NODE_NAME)}));
			if (!element) return null;
			const rect = element.getBoundingClientRect();
			return { x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + rect.height / 2) };
		})()`);
		if (!node) throw new Error(`no "${NODE_NAME}" node on the canvas`);
		for (const [type, clickCount] of [
			['mousePressed', 1],
			['mouseReleased', 1],
			['mousePressed', 2],
			['mouseReleased', 2],
		]) {
			await send('Input.dispatchMouseEvent', {
				type,
				x: node.x,
				y: node.y,
				button: 'left',
				clickCount,
			});
		}
		await waitFor('the node panel', `!!document.querySelector('[data-test-id="ndv"]')`);
		await n8n.sleep(1500);
		// Open "Add Option" so the picture lists the options (Transcript, Download Recording, …).
		const addOption = await evaluate(`(() => {
			const element = [...document.querySelectorAll('[data-test-id="ndv"] *')].find((candidate) => candidate.children.length === 0 && candidate.textContent.trim() === 'Add Option');
			if (!element) return null;
			const rect = element.getBoundingClientRect();
			return { x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + rect.height / 2) };
		})()`);
		if (addOption) {
			for (const type of ['mousePressed', 'mouseReleased']) {
				await send('Input.dispatchMouseEvent', {
					type,
					...addOption,
					button: 'left',
					clickCount: 1,
				});
			}
		}
		await n8n.sleep(1000);
		await saveScreenshot(send, PARAMETERS_OUTPUT);
	} finally {
		await browser.close();
	}
}

async function saveScreenshot(send, file) {
	const { data } = await send('Page.captureScreenshot', { format: 'png' });
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, Buffer.from(data, 'base64'));
	console.log(`Saved ${path.relative(process.cwd(), file)}`);
}

/** Drags the top edge of the logs panel to `top` (pixels from the top of the page). */
async function dragLogsPanelTo(send, evaluate, top) {
	const edge = await evaluate(`(() => {
		const rect = document.querySelector('[data-test-id="logs-panel"]').getBoundingClientRect();
		return { x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + 1) };
	})()`);
	const mouse = (type, y) =>
		send('Input.dispatchMouseEvent', {
			type,
			x: edge.x,
			y,
			button: 'left',
			buttons: type === 'mouseReleased' ? 0 : 1,
			clickCount: 1,
		});
	await mouse('mouseMoved', edge.y);
	await mouse('mousePressed', edge.y);
	for (let step = 1; step <= 10; step++)
		await mouse('mouseMoved', Math.round(edge.y + ((top - edge.y) * step) / 10));
	await mouse('mouseReleased', top);
	// Park the pointer on empty canvas so no tooltip shows in the picture.
	await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 200, y: 200 });
	await n8n.sleep(500);
}

// The DevTools client needs Node's built-in WebSocket (Node 22+); rerun on Node 24 when it is missing.
if (typeof WebSocket === 'undefined') {
	n8n.ensureNode().then((node) => {
		const child = spawn(node.bin, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
		child.on('exit', (code) => (process.exitCode = code === null ? 1 : code));
	});
} else {
	main().catch((error) => {
		console.error(`Screenshot failed: ${error.message}`);
		process.exitCode = 1;
	});
}
