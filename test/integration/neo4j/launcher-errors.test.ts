import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedNeo4jConfig } from '../../../src/config.ts';
import { ErrorCode } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/logger.ts';
import { buildEmbedded, embeddedProjectDir } from '../../../src/neo4j/build-embedded.ts';
import { findFreePort } from '../../../src/neo4j/check-port-free.ts';
import { EmbeddedNeo4j } from '../../../src/neo4j/embedded-neo4j.ts';
import { resolveEmbeddedPassword } from '../../../src/neo4j/embedded-password.ts';

// Each failure is detected before a JVM starts, so none of these tests leaves one behind.
describe('the embedded Neo4j launcher refuses to start, with an actionable error', () => {
  let scratch: string;
  let config: EmbeddedNeo4jConfig;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'entente-launcher-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });
  const configFor = async (name: string, overrides: Partial<EmbeddedNeo4jConfig> = {}): Promise<EmbeddedNeo4jConfig> => {
    config = {
      dataDir: path.join(scratch, name),
      boltPort: await findFreePort(),
      pageCacheMb: 64,
      heapMb: 512,
      password: undefined,
      javaHome: undefined,
      ...overrides,
    };
    return config;
  };

  it('when the Bolt port is busy', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const launcher = new EmbeddedNeo4j({ config: await configFor('busy-port', { boltPort: port }), logger: silentLogger });
      const error = await launcher.start().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.PORT_IN_USE });
      expect((error as Error).message).toContain(`Port ${port}`);
      expect((error as { hint: string }).hint).toContain('ENTENTE_BOLT_PORT');
      expect(launcher.status).toBe('stopped');
    } finally {
      blocker.close();
    }
  });

  it('when java is not on PATH and JAVA_HOME is unset', async () => {
    const launcher = new EmbeddedNeo4j({ config: await configFor('no-java'), logger: silentLogger, searchPath: path.join(scratch, 'empty-bin') });
    const error = await launcher.start().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.JAVA_NOT_FOUND });
    expect((error as { hint: string }).hint).toMatch(/Java 17 or 21/);
  });

  it('when JAVA_HOME holds a Java that Neo4j 5.26 cannot run on', async () => {
    const javaHome = path.join(scratch, 'old-jdk');
    await mkdir(path.join(javaHome, 'bin'), { recursive: true });
    await writeFile(path.join(javaHome, 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n');
    await chmod(path.join(javaHome, 'bin', 'java'), 0o755);
    const launcher = new EmbeddedNeo4j({ config: await configFor('old-java', { javaHome }), logger: silentLogger });
    await expect(launcher.start()).rejects.toMatchObject({ code: ErrorCode.JAVA_VERSION_UNSUPPORTED, message: expect.stringContaining('Java 11') });
  });

  it('when the data directory cannot be created', async () => {
    const file = path.join(scratch, 'a-file');
    await writeFile(file, '');
    const launcher = new EmbeddedNeo4j({ config: await configFor('unused', { dataDir: path.join(file, 'neo4j') }), logger: silentLogger });
    await expect(launcher.start()).rejects.toMatchObject({ code: ErrorCode.DATA_DIR_NOT_WRITABLE, hint: expect.stringContaining('ENTENTE_DATA_DIR') });
  });

  it('when another live process holds the data directory', async () => {
    const owner = spawn('sleep', ['30']);
    try {
      const cfg = await configFor('locked');
      await mkdir(cfg.dataDir, { recursive: true });
      await writeFile(path.join(cfg.dataDir, 'entente.lock'), String(owner.pid));
      const launcher = new EmbeddedNeo4j({ config: cfg, logger: silentLogger });
      await expect(launcher.start()).rejects.toMatchObject({ code: ErrorCode.DATA_DIR_LOCKED, message: expect.stringContaining(`pid ${owner.pid}`) });
    } finally {
      owner.kill();
    }
  });

  it('but takes over a lock left by a process that is gone', async () => {
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, resolve));
    try {
      const cfg = await configFor('stale-lock', { boltPort: (blocker.address() as net.AddressInfo).port });
      await mkdir(cfg.dataDir, { recursive: true });
      await writeFile(path.join(cfg.dataDir, 'entente.lock'), String(gone.pid));
      // Past the lock, the busy port is the next thing to stop it: proof the stale lock was taken.
      await expect(new EmbeddedNeo4j({ config: cfg, logger: silentLogger }).start()).rejects.toMatchObject({ code: ErrorCode.PORT_IN_USE });
    } finally {
      blocker.close();
    }
  });

  it('when Maven is not installed', async () => {
    await expect(
      buildEmbedded({ logger: silentLogger, force: true, searchPath: path.join(scratch, 'empty-bin') }),
    ).rejects.toMatchObject({ code: ErrorCode.MAVEN_NOT_FOUND });
  });

  it('when Maven Central cannot be reached', async () => {
    // A copy of the Maven project with an empty local repository and a mirror nobody listens on.
    const projectDir = path.join(scratch, 'maven-project');
    await cp(path.join(embeddedProjectDir, 'pom.xml'), path.join(projectDir, 'pom.xml'));
    await cp(path.join(embeddedProjectDir, 'src'), path.join(projectDir, 'src'), { recursive: true });
    const settings = path.join(scratch, 'settings.xml');
    await writeFile(settings, `<settings><mirrors><mirror><id>dead</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>`);
    const error = await buildEmbedded({
      logger: silentLogger,
      projectDir,
      mavenArgs: ['-s', settings, `-Dmaven.repo.local=${path.join(scratch, 'm2')}`],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.MAVEN_RESOLVE_FAILED });
    expect((error as { hint: string }).hint).toContain('Maven Central looks unreachable');
  });
});

describe('the embedded password', () => {
  it('is generated once, kept with mode 0600, and reused', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-password-'));
    try {
      const first = await resolveEmbeddedPassword(dir, undefined);
      expect(first.length).toBeGreaterThanOrEqual(24);
      expect(await resolveEmbeddedPassword(dir, undefined)).toBe(first);
      const { stat } = await import('node:fs/promises');
      expect((await stat(path.join(dir, 'password'))).mode & 0o777).toBe(0o600);
      expect(await resolveEmbeddedPassword(dir, 'given-by-user')).toBe('given-by-user');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
