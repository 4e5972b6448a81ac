/**
 * A real DNS-over-HTTPS resolver on loopback for the end-to-end tests: Debian's nsd serves the
 * test zones of `zones.ts` and Debian's dnsdist (1.7) answers RFC 8484 wire-format queries over
 * PLAIN HTTP/1.1 with `access-control-allow-origin: *`, as public resolvers do.
 *
 * What a browser page's fetch() sees (verified in headless Chromium, see dns-harness.e2e.test.ts):
 * - GET with only `accept: application/dns-message`: a CORS "simple" request; HTTP 200 and a DNS
 *   message for every answer, including rcode NXDOMAIN, SERVFAIL (servfail.bl.test) and REFUSED
 *   (rcode-refused.bl.test, and any name outside the test zones, refused by nsd).
 * - slow.bl.test, or anything sent to `slowUrl`: no response until dnsdist's UDP timeout
 *   (slowTimeoutSeconds, default 15 s, plus up to ~1 s), then HTTP 502 WITHOUT the CORS header, so
 *   the page gets `TypeError: Failed to fetch` then; a client timeout shorter than that aborts
 *   first (`TimeoutError` with AbortSignal.timeout, `AbortError` with AbortController).
 * - drop.bl.test: dnsdist's DropAction over DoH is an immediate HTTP 403 WITHOUT the CORS header:
 *   the page gets `TypeError: Failed to fetch` within milliseconds.
 * - POST works from Node, but NOT from a page: it needs a CORS preflight, and dnsdist 1.7 answers
 *   OPTIONS with HTTP 400 and no CORS headers. The app must use GET.
 * - No `cache-control` header unless `cacheControl: true`, so the HTTP cache never answers.
 * - Plain HTTP means HTTP/1.1: Chromium opens at most 6 connections to the origin, so more than 6
 *   fetches "in flight" queue inside the browser.
 *
 * Layout (all in a fresh temp dir, removed by stop()):
 *
 *   browser ──HTTP──> dnsdist 127.0.0.1:<dohPort> ──UDP──> nsd 127.0.0.1:<nsdPort>
 *                        │ rules: servfail / rcode-refused / drop zones answered by dnsdist itself
 *                        └─ slow.bl.test and the /slow/dns-query path ──UDP──> a socket that
 *                           never replies (held open by this process)
 *
 * Both daemons run in the foreground in their own process group; a tiny watchdog process kills
 * them (and removes the temp dir) if this process dies without calling stop(), even by SIGKILL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { RULE_ZONES, SERVED_ZONES, zoneFileText, type ServedZone } from './zones';

export const NSD_PATH = '/usr/sbin/nsd';
export const NSD_CHECKCONF_PATH = '/usr/sbin/nsd-checkconf';
export const DNSDIST_PATH = '/usr/bin/dnsdist';

export interface DohServerOptions {
  /**
   * Seconds dnsdist waits for a backend over UDP before giving up (dnsdist's global
   * setUDPTimeout). Only the black-hole backend ever reaches it: queries for slow.bl.test and
   * every query sent to `slowUrl` hang this long, then get HTTP 502 (no CORS header). Default 15.
   */
  slowTimeoutSeconds?: number;
  /**
   * Send `cache-control: max-age=<lowest TTL>` like public resolvers do. Default false, so the
   * browser's HTTP cache never answers a repeated GET and every query really reaches the server.
   */
  cacheControl?: boolean;
  /** More zones for nsd to serve, besides the standard ones in zones.ts. */
  extraZones?: readonly ServedZone[];
  /** How long to wait for the first real DoH answer before failing (ms). Default 10,000. */
  startTimeoutMs?: number;
}

export interface DohServer {
  /** RFC 8484 endpoint, e.g. http://127.0.0.1:PORT/dns-query */
  readonly url: string;
  /** An endpoint on the same server where EVERY query hangs (see slowTimeoutSeconds). */
  readonly slowUrl: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** nsd's plain DNS port (UDP and TCP) on 127.0.0.1, for direct checks. */
  readonly nsdPort: number;
  /** The temp dir holding the configs and zone files (gone after stop()). */
  readonly dir: string;
  /** Process ids of nsd and dnsdist (each also leads its own process group). */
  readonly pids: { readonly nsd: number; readonly dnsdist: number };
  /** Everything both daemons have written to stdout and stderr so far. */
  logs(): string;
  /**
   * Every query name dnsdist has received so far (over DoH or from the probes), in order, as
   * dnsdist logged it: lowercase, with its trailing dot.
   */
  queryNames(): Promise<string[]>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------

function assertExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `${path} is missing: the e2e DNS harness needs Debian's nsd and dnsdist ` +
        `(run: apt-get install -y nsd dnsdist)`,
    );
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (optionally also free for UDP). */
async function freePort(alsoUdp = false): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (!alsoUdp) return port;
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('could not find a free port on 127.0.0.1');
}

/** A bound UDP socket that reads and discards everything: a DNS server that never answers. */
async function blackHole(): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  socket.unref();
  return { socket, port: socket.address().port };
}

function nsdConf(dir: string, port: number, zones: readonly ServedZone[]): string {
  const zoneBlocks = zones
    .map((z) => `zone:\n    name: "${z.name}"\n    zonefile: "${z.name}.zone"\n`)
    .join('\n');
  return `# nsd config for the e2e DNS harness (generated)
server:
    ip-address: 127.0.0.1
    port: ${port}
    do-ip6: no
    # "" = do not switch user, so it runs the same as root and as an unprivileged user
    username: ""
    chroot: ""
    zonesdir: "${dir}"
    database: ""
    pidfile: "${dir}/nsd.pid"
    xfrdfile: "${dir}/xfrd.state"
    xfrdir: "${dir}"
    zonelistfile: "${dir}/zone.list"
    server-count: 1
    verbosity: 0
    hide-version: yes
    hide-identity: yes
    # response-rate limiting off: a burst from one address must not be dropped or truncated
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0

remote-control:
    control-enable: no

${zoneBlocks}`;
}

function luaString(s: string): string {
  return JSON.stringify(s); // a JSON string of plain ASCII is a valid Lua string literal
}

function dnsdistConf(opts: {
  queryLog: string;
  dohPort: number;
  nsdPort: number;
  holePort: number;
  slowTimeoutSeconds: number;
  cacheControl: boolean;
}): string {
  const rules = RULE_ZONES.map((zone) => {
    const action = {
      servfail: 'RCodeAction(DNSRCode.SERVFAIL)',
      refused: 'RCodeAction(DNSRCode.REFUSED)',
      blackhole: 'PoolAction("blackhole")',
      drop: 'DropAction()',
    }[zone.behaviour];
    return `addAction(suffix(${luaString(`${zone.name}.`)}), ${action})`;
  }).join('\n');
  return `-- dnsdist config for the e2e DNS harness (generated)
-- no console (no controlSocket), no carbon, no web server, no packet cache, no security polling
setSecurityPollSuffix("")
setUDPTimeout(${opts.slowTimeoutSeconds})

-- setUp(): always up, no health checks (nsd would REFUSE dnsdist's default a.root-servers.net probe
-- and dnsdist would then mark it down and answer every DoH query with HTTP 403)
newServer({address="127.0.0.1:${opts.nsdPort}", name="nsd"}):setUp()
newServer({address="127.0.0.1:${opts.holePort}", name="blackhole", pool="blackhole"}):setUp()

-- Every query is written down first (LogAction does not stop the rules that follow), so a test
-- can tell exactly which names reached the resolver.
addAction(AllRule(), LogAction(${luaString(opts.queryLog)}, false, true, false))

local function suffix(name)
  local node = newSuffixMatchNode()
  node:add(name)
  return SuffixMatchNodeRule(node, true)
end

${rules}
addAction(HTTPPathRule("/slow/dns-query"), PoolAction("blackhole"))

addDOHLocal("127.0.0.1:${opts.dohPort}", nil, nil, {"/dns-query", "/slow/dns-query"}, {
  sendCacheControlHeaders=${opts.cacheControl ? 'true' : 'false'},
  customResponseHeaders={["access-control-allow-origin"]="*"}
})
`;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: stop() normally; the exit hook and the watchdog if the test forgets or dies.

interface Running {
  groups: number[];
  dir: string;
}
const running = new Set<Running>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const r of running) {
      for (const pid of r.groups) killGroup(pid, 'SIGKILL');
      rmSync(r.dir, { recursive: true, force: true });
    }
  });
}

/**
 * Watchdog: reads "pgid <n>" and "dir <path>" lines on stdin. If stdin closes (this process
 * exited, crashed or was SIGKILLed) or it gets SIGINT/SIGTERM/SIGHUP (Ctrl-C reaches the whole
 * foreground group) before "disarm", it kills the groups and removes the dir.
 */
const WATCHDOG = `
const fs = require('node:fs');
const groups = []; let dir = ''; let armed = true; let buf = '';
function cleanup() {
  if (!armed) process.exit(0);
  armed = false;
  for (const g of groups) { try { process.kill(-g, 'SIGTERM'); } catch {} }
  setTimeout(() => {
    for (const g of groups) { try { process.kill(-g, 'SIGKILL'); } catch {} }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }, 1000);
}
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, i);
    const cmd = line.split(' ', 1)[0];
    const arg = line.slice(cmd.length + 1);
    buf = buf.slice(i + 1);
    if (cmd === 'pgid') groups.push(Number(arg));
    else if (cmd === 'dir') dir = arg;
    else if (cmd === 'disarm') { armed = false; process.exit(0); }
  }
});
process.stdin.on('end', cleanup);
process.stdin.on('error', cleanup);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, cleanup);
`;

function startWatchdog(dir: string): { add(pid: number): void; disarm(): void } {
  const child = spawn(process.execPath, ['-e', WATCHDOG], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  const stdin = child.stdin;
  if (!stdin) throw new Error('watchdog has no stdin');
  // Do not let the pipe keep this process alive; ignore EPIPE if the watchdog died.
  (stdin as unknown as { unref?: () => void }).unref?.();
  stdin.on('error', () => {});
  stdin.write(`dir ${dir}\n`);
  return {
    add: (pid) => void stdin.write(`pgid ${pid}\n`),
    disarm: () => {
      stdin.end('disarm\n');
    },
  };
}

interface Daemon {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  hasExited(): boolean;
}

function startDaemon(name: string, cmd: string, args: string[], log: (s: string) => void): Daemon {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      log(`[${name}] exited with ${signal ?? `code ${code}`}\n`);
      resolve(code);
    });
    child.once('error', (error) => {
      done = true;
      log(`[${name}] failed to start: ${error.message}\n`);
      resolve(null);
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    let partial = '';
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) log(`[${name}] ${line}\n`);
    });
    stream?.on('end', () => {
      if (partial) log(`[${name}] ${partial}\n`);
      partial = '';
    });
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  child.unref();
  if (child.pid === undefined) {
    return { child, pid: -1, exited, hasExited: () => true };
  }
  return { child, pid: child.pid, exited, hasExited: () => done };
}

async function stopDaemon(d: Daemon): Promise<void> {
  if (d.pid < 0 || d.hasExited()) return;
  killGroup(d.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3000).unref());
  if ((await Promise.race([d.exited, timer])) === 'timeout') {
    killGroup(d.pid, 'SIGKILL');
    await d.exited;
  } else {
    killGroup(d.pid, 'SIGKILL'); // any child of the daemon left in the group
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function probeQuery(): Uint8Array {
  return dnsPacket.encode({
    type: 'query',
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: 'A', name: '2.0.0.127.good.bl.test' }],
  });
}

function isProbeAnswer(bytes: Uint8Array): boolean {
  const packet = dnsPacket.decode(bytes);
  return (
    packet.rcode === 'NOERROR' &&
    (packet.answers ?? []).some((a) => a.type === 'A' && a.data === '127.0.0.2')
  );
}

/** One plain-DNS query over UDP to 127.0.0.1:port; the decoded answer, or null on timeout. */
function udpQuery(
  port: number,
  name: string,
  type: 'A' | 'SOA',
  timeoutMs: number,
): Promise<dnsPacket.Packet | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const finish = (packet: dnsPacket.Packet | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(packet);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on('error', () => finish(null));
    socket.on('message', (msg) => {
      try {
        finish(dnsPacket.decode(new Uint8Array(msg)));
      } catch {
        finish(null);
      }
    });
    const query = dnsPacket.encode({ type: 'query', id: 1, questions: [{ type, name }] });
    socket.send(query, port, '127.0.0.1');
  });
}

/** nsd answers the good.bl.test test point over UDP. */
async function udpProbe(port: number, timeoutMs: number): Promise<boolean> {
  const packet = await udpQuery(port, '2.0.0.127.good.bl.test', 'A', timeoutMs);
  return (
    packet?.rcode === 'NOERROR' &&
    (packet.answers ?? []).some((a) => a.type === 'A' && a.data === '127.0.0.2')
  );
}

/** The zones nsd does not answer authoritatively (a zone file it could not load). */
async function unloadedZones(port: number, zones: readonly ServedZone[]): Promise<string[]> {
  const answers = await Promise.all(zones.map((z) => udpQuery(port, z.name, 'SOA', 1000)));
  return zones
    .filter((_, i) => {
      const packet = answers[i];
      return !(packet?.rcode === 'NOERROR' && packet.flag_aa && packet.answers?.length === 1);
    })
    .map((z) => z.name);
}

async function dohProbe(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const dns = Buffer.from(probeQuery()).toString('base64url');
    const response = await fetch(`${url}?dns=${dns}`, {
      headers: { accept: 'application/dns-message' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) return false;
    return isProbeAnswer(new Uint8Array(await response.arrayBuffer()));
  } catch {
    return false;
  }
}

async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  daemons: Daemon[],
  deadline: number,
  logs: () => string,
): Promise<void> {
  for (;;) {
    const dead = daemons.find((d) => d.hasExited());
    if (dead) throw new StartError(`a daemon exited while waiting for ${what}`, logs());
    if (await probe()) return;
    if (Date.now() > deadline) throw new StartError(`timed out waiting for ${what}`, logs());
    await sleep(100);
  }
}

class StartError extends Error {
  constructor(
    reason: string,
    readonly daemonLogs: string,
  ) {
    super(
      `The e2e DoH server (nsd + dnsdist) did not start: ${reason}.\n` +
        `--- daemon output ---\n${daemonLogs || '(none)'}\n---------------------`,
    );
    this.name = 'StartError';
  }
}

// ---------------------------------------------------------------------------------------------

/** Starts nsd + dnsdist with the test zones; resolves once a real DoH query is answered. */
export async function startDohServer(options: DohServerOptions = {}): Promise<DohServer> {
  for (const path of [NSD_PATH, NSD_CHECKCONF_PATH, DNSDIST_PATH]) assertExecutable(path);
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  // A port can be taken between choosing it and the daemon binding it: retry with new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, startTimeoutMs);
    } catch (error) {
      const inUse = error instanceof StartError && /already in use/i.test(error.daemonLogs);
      if (!inUse || attempt >= 3) throw error;
    }
  }
}

/** dnsdist's text query log: "Packet from 127.0.0.1:40000 for name. A with id 0". */
async function readQueryLog(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return [...text.matchAll(/ for (\S+) [A-Z0-9]+ with id /g)].map((m) => m[1]!.toLowerCase());
}

async function startOnce(options: DohServerOptions, startTimeoutMs: number): Promise<DohServer> {
  const deadline = Date.now() + startTimeoutMs;
  const dir = await mkdtemp(join(tmpdir(), 'e2e-doh-'));
  let output = '';
  const log = (s: string) => {
    output += s;
    if (output.length > 256_000) output = output.slice(-200_000);
  };
  const record: Running = { groups: [], dir };
  running.add(record);
  installExitHook();
  const watchdog = startWatchdog(dir);
  const daemons: Daemon[] = [];
  let hole: Socket | undefined;

  const stop = async () => {
    if (!running.has(record)) return;
    running.delete(record);
    for (const d of [...daemons].reverse()) await stopDaemon(d);
    hole?.close();
    watchdog.disarm();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const zones = [...SERVED_ZONES, ...(options.extraZones ?? [])];
    const nsdPort = await freePort(true);
    const dohPort = await freePort();
    const blackhole = await blackHole();
    hole = blackhole.socket;

    for (const zone of zones) await writeFile(join(dir, `${zone.name}.zone`), zoneFileText(zone));
    const nsdConfPath = join(dir, 'nsd.conf');
    await writeFile(nsdConfPath, nsdConf(dir, nsdPort, zones));
    const check = spawnSync(NSD_CHECKCONF_PATH, [nsdConfPath], { encoding: 'utf8' });
    if (check.status !== 0) {
      throw new StartError('nsd-checkconf rejected the generated nsd.conf', check.stderr);
    }
    const dnsdistConfPath = join(dir, 'dnsdist.conf');
    await writeFile(
      dnsdistConfPath,
      dnsdistConf({
        queryLog: join(dir, 'queries.log'),
        dohPort,
        nsdPort,
        holePort: blackhole.port,
        slowTimeoutSeconds: options.slowTimeoutSeconds ?? 15,
        cacheControl: options.cacheControl ?? false,
      }),
    );

    const nsd = startDaemon('nsd', NSD_PATH, ['-d', '-c', nsdConfPath], log);
    daemons.push(nsd);
    if (nsd.pid > 0) {
      record.groups.push(nsd.pid);
      watchdog.add(nsd.pid);
    }
    await waitUntil(
      'nsd to answer over UDP',
      () => udpProbe(nsdPort, 250),
      daemons,
      deadline,
      () => output,
    );
    const missing = await unloadedZones(nsdPort, zones);
    if (missing.length > 0) {
      throw new StartError(`nsd did not load the zone(s) ${missing.join(', ')}`, output);
    }

    // --supervised: foreground, no interactive console; -C: only this config (never /etc/dnsdist)
    const dnsdist = startDaemon(
      'dnsdist',
      DNSDIST_PATH,
      ['--supervised', '--disable-syslog', '-C', dnsdistConfPath],
      log,
    );
    daemons.push(dnsdist);
    if (dnsdist.pid > 0) {
      record.groups.push(dnsdist.pid);
      watchdog.add(dnsdist.pid);
    }
    const origin = `http://127.0.0.1:${dohPort}`;
    const url = `${origin}/dns-query`;
    await waitUntil(
      'a DoH answer from dnsdist',
      () => dohProbe(url, 1000),
      daemons,
      deadline,
      () => output,
    );

    return {
      url,
      slowUrl: `${origin}/slow/dns-query`,
      origin,
      nsdPort,
      dir,
      pids: { nsd: nsd.pid, dnsdist: dnsdist.pid },
      logs: () => output,
      queryNames: () => readQueryLog(join(dir, 'queries.log')),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
