/**
 * Real services on loopback for the scan-evidence tests, and real nmap run against them.
 *
 * Everything listens on 127.0.0.1 only, on free non-standard ports, and nmap is only ever pointed
 * at 127.0.0.1 (`runNmap` refuses any other target): no test sends traffic anywhere else.
 *
 * - Debian's Postfix twice, each from its own configuration directory (`postfix -c DIR
 *   start-fg`): an open relay (`mynetworks = 0.0.0.0/0`) and a closed one (only 127.0.0.2 is
 *   trusted, so 127.0.0.1 may not relay). Chroot off, `default_transport = discard`: nothing is
 *   ever delivered. Postfix accepts `-c DIR` only for directories listed in
 *   `alternate_config_directories` of the default main.cf; as root the harness adds its two fixed
 *   directories there (once), otherwise it says which line to add.
 * - Debian's tinyproxy as an open HTTP proxy, and Debian's Dante (danted) as a SOCKS proxy open
 *   to any client but allowed to reach only 127.0.0.0/8 (its outgoing side is bound to 127.0.0.1).
 * - A small HTTP page on 127.0.0.1:80 that the proxy scripts fetch THROUGH the proxies
 *   (`proxy.url=http://127.0.0.1/`), so the scripts never try their default sites on the internet.
 *   nmap's SOCKS script asks DNS for the URL's host even when it is an address, so the scans pass
 *   `--dns-servers 127.0.0.1` and a tiny responder on 127.0.0.1:53 answers every A query with
 *   127.0.0.1: no query reaches the machine's real resolver.
 * - A free port with nothing listening.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { join } from 'node:path';

export const NMAP_PATH = '/usr/bin/nmap';
export const POSTFIX_PATH = '/usr/sbin/postfix';
export const POSTCONF_PATH = '/usr/sbin/postconf';
export const TINYPROXY_PATH = '/usr/bin/tinyproxy';
export const DANTED_PATH = '/usr/sbin/danted';

/** Fixed, so the default main.cf names them once rather than gaining a line per run. */
export const HARNESS_ROOT = '/var/tmp/mail-assessment-scan-harness';
const POSTFIX_DIRS = {
  open: join(HARNESS_ROOT, 'relay-open'),
  closed: join(HARNESS_ROOT, 'relay-closed'),
};

/** The text the loopback page serves. */
export const PROXY_TEST_PAGE = 'mail-assessment-proxy-test-page';
/** nmap's SOCKS script always connects to port 80 of the URL's host. */
const PAGE_PORT = 80;
const DNS_PORT = 53;

export interface ScanServices {
  ports: {
    openRelay: number;
    closedRelay: number;
    httpProxy: number;
    socksProxy: number;
    nothing: number;
    page: number;
  };
  /** The loopback page the proxy scripts fetch through the proxies. */
  pageUrl: string;
  stop(): Promise<void>;
}

export function missingScanTools(): string[] {
  return [NMAP_PATH, POSTFIX_PATH, TINYPROXY_PATH, DANTED_PATH].filter((p) => !existsSync(p));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, what: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.once('listening', () => socket.close(() => resolve(false)));
      socket.once('error', () => resolve(true));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within 20 s:\n${log()}`);
}

function start(
  command: string,
  args: string[],
  what: string,
): { child: ChildProcess; log: () => string } {
  let output = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  child.on('error', (e) => (output += `${what}: ${e.message}`));
  return { child, log: () => output };
}

async function ensureAlternateConfigDirectories() {
  const current = spawnSync(POSTCONF_PATH, ['-h', 'alternate_config_directories'], {
    encoding: 'utf8',
  }).stdout.trim();
  const listed = current.split(/[\s,]+/).filter(Boolean);
  const missing = Object.values(POSTFIX_DIRS).filter((d) => !listed.includes(d));
  if (missing.length === 0) return;
  const wanted = [...listed, ...missing].join(' ');
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Postfix runs from another configuration directory only when the default main.cf lists it. Run:\n  sudo postconf -e 'alternate_config_directories = ${wanted}'`,
    );
  }
  const result = spawnSync(POSTCONF_PATH, ['-e', `alternate_config_directories = ${wanted}`], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`postconf -e failed: ${result.stderr}`);
}

async function startPostfix(dir: string, port: number, open: boolean) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'queue'), { recursive: true });
  await mkdir(join(dir, 'data'), { recursive: true });
  await chmod(HARNESS_ROOT, 0o755);
  await chmod(dir, 0o755);
  spawnSync('chown', ['postfix', join(dir, 'data')]);
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${join(dir, 'queue')}`,
    `data_directory = ${join(dir, 'data')}`,
    `myhostname = ${open ? 'relay-open' : 'relay-closed'}.test`,
    'mydestination =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    // Open: every client may relay. Closed: only 127.0.0.2 may, so the scan from 127.0.0.1 may not.
    `mynetworks = ${open ? '0.0.0.0/0' : '127.0.0.2/32'}`,
    'smtpd_relay_restrictions = permit_mynetworks reject_unauth_destination',
    'smtpd_peername_lookup = no',
    'smtp_dns_support_level = disabled',
    // Nothing accepted is ever delivered anywhere.
    'default_transport = discard',
    'relay_transport = discard',
    'local_transport = discard',
    'virtual_transport = discard',
    'alias_maps =',
    'alias_database =',
    'local_recipient_maps =',
    `maillog_file_prefixes = ${HARNESS_ROOT}`,
    `maillog_file = ${join(dir, 'maillog')}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'main.cf'), main);
  const master = (await readFile('/etc/postfix/master.cf', 'utf8')).replace(
    /^smtp\s+inet\s.*$/m,
    `127.0.0.1:${port} inet n - n - - smtpd`,
  );
  await writeFile(join(dir, 'master.cf'), master);
  const chrootOff = spawnSync(POSTCONF_PATH, ['-c', dir, '-F', '*/*/chroot=n'], {
    encoding: 'utf8',
  });
  if (chrootOff.status !== 0) throw new Error(`postconf -F failed: ${chrootOff.stderr}`);
  spawnSync(POSTFIX_PATH, ['-c', dir, 'set-permissions'], { encoding: 'utf8' });
  const started = start(POSTFIX_PATH, ['-c', dir, 'start-fg'], `Postfix (${dir})`);
  const log = async () =>
    started.log() +
    (existsSync(join(dir, 'maillog')) ? await readFile(join(dir, 'maillog'), 'utf8') : '');
  let text = '';
  await waitForPort(port, `Postfix (${open ? 'open' : 'closed'})`, started.child, () => text).catch(
    async (error: Error) => {
      text = await log();
      throw new Error(`${error.message}\n${text}`);
    },
  );
  return started.child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * `socksPort`: where the SOCKS server listens (default: any free port). Port 1080 puts it where
 * nmap's socks-open-proxy script runs without being forced ("+"), as on a real network.
 */
export async function startScanServices(
  options: { socksPort?: number } = {},
): Promise<ScanServices> {
  const missing = missingScanTools();
  if (missing.length > 0)
    throw new Error(`Missing: ${missing.join(', ')} (npm test installs them)`);
  await mkdir(HARNESS_ROOT, { recursive: true });
  await ensureAlternateConfigDirectories();
  const ports = {
    openRelay: await freePort(),
    closedRelay: await freePort(),
    httpProxy: await freePort(),
    socksProxy: options.socksPort ?? (await freePort()),
    nothing: await freePort(),
    page: 0,
  };
  const children: ChildProcess[] = [];
  let page: Server | undefined;
  let dns: Socket | undefined;
  const postfixDirs: string[] = [];
  const stop = async () => {
    // Postfix's master daemon leaves the process group it was started in (it starts a session of
    // its own), so stopping the `postfix start-fg` process would leave it running: ask Postfix.
    for (const dir of postfixDirs) {
      spawnSync(POSTFIX_PATH, ['-c', dir, 'abort'], { encoding: 'utf8' });
    }
    await Promise.all(children.map(stopChild));
    await new Promise<void>((resolve) => (page ? page.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (dns ? dns.close(() => resolve()) : resolve()));
    await rm(HARNESS_ROOT, { recursive: true, force: true });
  };
  try {
    page = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${PROXY_TEST_PAGE}</body></html>`);
    });
    await new Promise<void>((resolve, reject) => {
      page!.once('error', reject);
      page!.listen(PAGE_PORT, '127.0.0.1', resolve);
    });
    ports.page = PAGE_PORT;
    dns = createSocket('udp4');
    const socket = dns;
    socket.on('message', (message, remote) => {
      try {
        const query = dnsPacket.decode(message);
        const answer = dnsPacket.encode({
          type: 'response',
          id: query.id,
          flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
          questions: query.questions,
          answers: (query.questions ?? [])
            .filter((q) => q.type === 'A')
            .map((q) => ({ type: 'A' as const, name: q.name, ttl: 60, data: '127.0.0.1' })),
        });
        socket.send(answer, remote.port, remote.address);
      } catch {
        /* not a DNS query: ignore */
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(DNS_PORT, '127.0.0.1', () => resolve());
    });

    postfixDirs.push(POSTFIX_DIRS.open);
    children.push(await startPostfix(POSTFIX_DIRS.open, ports.openRelay, true));
    postfixDirs.push(POSTFIX_DIRS.closed);
    children.push(await startPostfix(POSTFIX_DIRS.closed, ports.closedRelay, false));

    const tinyConf = join(HARNESS_ROOT, 'tinyproxy.conf');
    await writeFile(
      tinyConf,
      [
        `Port ${ports.httpProxy}`,
        'Listen 127.0.0.1',
        'User nobody',
        'Group nogroup',
        'Timeout 30',
        'MaxClients 20',
        // No Allow line: every client may use it (an open proxy).
        '',
      ].join('\n'),
    );
    const tiny = start(TINYPROXY_PATH, ['-d', '-c', tinyConf], 'tinyproxy');
    children.push(tiny.child);
    await waitForPort(ports.httpProxy, 'tinyproxy', tiny.child, tiny.log);

    const danteConf = join(HARNESS_ROOT, 'danted.conf');
    await writeFile(
      danteConf,
      [
        'logoutput: stderr',
        `internal: 127.0.0.1 port = ${ports.socksProxy}`,
        'external: 127.0.0.1',
        'clientmethod: none',
        'socksmethod: none',
        'user.privileged: root',
        'user.unprivileged: nobody',
        // Any client may use it (open), but it reaches loopback only.
        'client pass { from: 0.0.0.0/0 to: 0.0.0.0/0 }',
        'socks pass { from: 0.0.0.0/0 to: 127.0.0.0/8 }',
        'socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 }',
        '',
      ].join('\n'),
    );
    const socks = start(DANTED_PATH, ['-f', danteConf, '-N', '1'], 'danted');
    children.push(socks.child);
    await waitForPort(ports.socksProxy, 'danted', socks.child, socks.log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, pageUrl: 'http://127.0.0.1/', stop };
}

/** Targets nmap may be given here: loopback only. */
const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Runs Debian's nmap with `args` (which must include `-oX -` or `-oX <file>`) and returns stdout.
 * Every argument that looks like a target must be a loopback address: anything else is refused
 * before nmap starts.
 */
export function runNmap(
  args: string[],
  targets: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  for (const target of targets) {
    if (!LOOPBACK.test(target))
      throw new Error(`Refusing to scan ${target}: tests scan 127.0.0.1 only`);
  }
  return new Promise((resolve, reject) => {
    // --dns-servers: any name a script looks up goes to the loopback responder, never further.
    const child = spawn(NMAP_PATH, ['--dns-servers', '127.0.0.1', ...args, ...targets], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}
