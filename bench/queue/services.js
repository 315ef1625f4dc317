'use strict';
// Redis and PostgreSQL for n8n's queue mode: Debian's packages (installed with apt-get when
// missing), each server run in the foreground on a free loopback port with its data in the
// bench's temporary folder. Nothing is registered with the system (no service, no cluster in
// /etc/postgresql); stopping the process and deleting the folder leaves no trace.

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const { startOwned } = require('./processes');

const REDIS_SERVER = '/usr/bin/redis-server';
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL installed by Debian's packages: `/usr/lib/postgresql/<major>/bin`. */
function postgresBinDir() {
	if (!fs.existsSync(POSTGRES_ROOT)) return undefined;
	const majors = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((name) => fs.existsSync(path.join(POSTGRES_ROOT, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? path.join(POSTGRES_ROOT, majors[0], 'bin') : undefined;
}

function runInherit(command, args, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
		);
	});
}

/**
 * `redis-server` and `postgresql` from Debian when they are missing. `apt-get update` runs only
 * when the package lists are absent or the first install attempt fails (stale lists).
 */
async function ensureDebianPackages(log) {
	const missing = [];
	if (!fs.existsSync(REDIS_SERVER)) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return [];
	if (typeof process.getuid === 'function' && process.getuid() !== 0)
		throw new Error(
			`${missing.join(' and ')} missing; install them (apt-get install ${missing.join(' ')}) or run as root`,
		);
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		runInherit('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], env);
	const lists = '/var/lib/apt/lists';
	const haveLists =
		fs.existsSync(lists) &&
		fs.readdirSync(lists).some((name) => name.endsWith('_Packages') || name.includes('_Packages.'));
	log(`installing ${missing.join(' and ')} with apt-get (first run only)...`);
	if (!haveLists) await runInherit('apt-get', ['update', '-q'], env);
	try {
		await install();
	} catch (error) {
		if (!haveLists) throw error;
		await runInherit('apt-get', ['update', '-q'], env);
		await install();
	}
	return missing;
}

/** Resolves once `probe` resolves truthy; rejects when the process exits or time runs out. */
async function waitUntil(entry, probe, what, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	entry.exited.then(() => (exited = true));
	while (Date.now() < deadline) {
		if (exited) throw new Error(`${what} exited while starting:\n${entry.output()}`);
		try {
			if (await probe()) return;
		} catch {
			// not ready yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} was not ready after ${timeoutMs / 1000} s:\n${entry.output()}`);
}

/** One RESP round trip: true when Redis answers PING with PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

/** Redis without persistence, bound to loopback. */
async function startRedis({ dir, port, logFile }) {
	fs.mkdirSync(dir, { recursive: true });
	const entry = startOwned(
		'redis',
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ logFile },
	);
	await waitUntil(entry, () => redisPing(port), 'redis-server');
	return { host: '127.0.0.1', port, entry };
}

/** uid and gid of a system user (`postgres`), from the passwd database. */
function systemUser(name) {
	const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A throwaway PostgreSQL cluster: `initdb` into `dir`, `postgres` in the foreground on `port`,
 * trust authentication on loopback, and a database for n8n. PostgreSQL refuses to run as root,
 * so as root the cluster belongs to Debian's `postgres` user. `pg` is n8n's own driver.
 */
async function startPostgres({ dir, port, logFile, pg, database = 'n8n' }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const owner = asRoot ? systemUser('postgres') : {};
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	if (asRoot) {
		fs.chownSync(dir, owner.uid, owner.gid);
		fs.chownSync(socketDir, owner.uid, owner.gid);
	}
	const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
	execFileSync(
		path.join(bin, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			'postgres',
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--no-sync',
			'--no-instructions',
		],
		{ env, uid: owner.uid, gid: owner.gid, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const entry = startOwned(
		'postgres',
		path.join(bin, 'postgres'),
		['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', socketDir],
		{
			env,
			uid: owner.uid,
			gid: owner.gid,
			cwd: dir,
			logFile,
			// SIGINT is PostgreSQL's "fast" shutdown: ends sessions, no waiting for clients.
			stop: { signal: 'SIGINT' },
		},
	);
	const connection = { host: '127.0.0.1', port, user: 'postgres', password: '' };
	const connect = async (db) => {
		const client = new pg.Client({ ...connection, database: db });
		// A connection PostgreSQL ends (shutdown at exit or Ctrl-C) reports it as an 'error' event;
		// unhandled, that would crash the bench mid-cleanup. Queries still reject on their own.
		client.on('error', () => {});
		await client.connect();
		return client;
	};
	await waitUntil(
		entry,
		async () => {
			const client = await connect('postgres');
			await client.end();
			return true;
		},
		'postgres',
	);
	const admin = await connect('postgres');
	try {
		await admin.query(`CREATE DATABASE ${database}`);
	} finally {
		await admin.end();
	}
	return { ...connection, database, entry, connect: () => connect(database) };
}

module.exports = { ensureDebianPackages, startRedis, startPostgres, postgresBinDir };
