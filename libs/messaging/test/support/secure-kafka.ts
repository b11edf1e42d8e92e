import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKafka, KafkaLogLevel, loadKafkaSettings } from '@tongguan/messaging';
import { freePort, REPO_ROOT } from '@tongguan/testing';

export interface SecureKafka {
  brokers: string;
  /** Settings of a principal, as a service would read them from its environment. */
  credentials(username: string, password?: string): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A throwaway single-node Kafka (KRaft) from the distribution deploy/local installs, on free loopback
 * ports and its own data directory, with the production security model: a SASL_PLAINTEXT listener
 * with SCRAM-SHA-512 users (created by `kafka-storage format --add-scram`), the controller listener
 * on SASL/PLAIN, and the StandardAuthorizer denying whatever no ACL allows. `admin` is the super user.
 */
export async function startSecureKafka(users: Record<string, string>): Promise<SecureKafka> {
  const libs = await kafkaLibs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongguan-secure-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const admin = randomBytes(12).toString('hex');
  const all = { ...users, admin };
  const config = path.join(dir, 'server.properties');
  fs.writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=SASL_PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
      `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin}";`,
      'sasl.mechanism.controller.protocol=PLAIN',
      'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
      `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${admin}" user_admin="${admin}";`,
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users=User:admin',
      'allow.everyone.if.no.acl.found=false',
      `log.dirs=${path.join(dir, 'data')}`,
      'auto.create.topics.enable=false',
      'num.partitions=3',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'num.network.threads=2',
      'num.io.threads=2',
      'background.threads=2',
      'num.recovery.threads.per.data.dir=1',
    ].join('\n'),
  );
  const java = (main: string, args: string[]) => [
    '-Xmx384m',
    '-XX:+UseSerialGC',
    `-Dlog4j2.configurationFile=${path.join(REPO_ROOT, 'deploy', 'local', 'kafka', 'log4j2.xml')}`,
    '-Dkafka.root.loglevel=WARN',
    '-cp',
    `${libs}/*`,
    main,
    ...args,
  ];
  const scram = Object.entries(all).flatMap(([name, password]) => [
    '--add-scram',
    `SCRAM-SHA-512=[name=${name},password=${password}]`,
  ]);
  const clusterId = randomBytes(16).toString('base64url');
  execFileSync('java', java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', config, ...scram]), {
    stdio: 'pipe',
  });
  const log = fs.openSync(path.join(dir, 'kafka.log'), 'a');
  const broker: ChildProcess = spawn('java', java('kafka.Kafka', [config]), { stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => broker.once('exit', () => resolve()));
  const brokers = `127.0.0.1:${port}`;
  const credentials = (username: string, password = all[username as keyof typeof all]) => ({
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password ?? '',
  });
  const stop = async () => {
    if (broker.exitCode === null) broker.kill('SIGKILL');
    await exited;
    fs.closeSync(log);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilReady(brokers, credentials('admin'), broker);
  } catch (error) {
    const tail = fs.readFileSync(path.join(dir, 'kafka.log'), 'utf8').split('\n').slice(-30).join('\n');
    await stop();
    throw new Error(`the secure test broker did not start: ${(error as Error).message}\n${tail}`);
  }
  return { brokers, credentials, stop };
}

async function untilReady(brokers: string, admin: Record<string, string>, broker: ChildProcess) {
  const kafka = createKafka(
    'secure-kafka-wait',
    [brokers],
    { retry: { retries: 0 }, logLevel: KafkaLogLevel.NOTHING },
    loadKafkaSettings(admin),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (broker.exitCode !== null) throw new Error(`broker exited with ${broker.exitCode}`);
    const client = kafka.admin();
    try {
      await client.connect();
      await client.describeCluster();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await client.disconnect().catch(() => undefined);
    }
  }
}

/** The broker's jars as deploy/local installs them (installed here if missing: Maven, once). */
async function kafkaLibs(): Promise<string> {
  const localDir = process.env.LOCAL_DIR ?? path.join(REPO_ROOT, '.local');
  const libs = path.join(localDir, 'kafka', 'libs');
  if (!fs.existsSync(path.join(libs, '.installed'))) {
    execFileSync('bash', [path.join(REPO_ROOT, 'deploy', 'local', 'install.sh'), 'kafka'], {
      stdio: 'inherit',
      env: { ...process.env, LOCAL_DIR: localDir },
    });
  }
  return Promise.resolve(libs);
}
