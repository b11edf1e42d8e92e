import type { InspectResult, StartedTestContainer } from 'testcontainers';
import {
  BoundPorts,
  GenericContainer,
  getContainerRuntimeClient,
  Wait,
  waitForContainer,
} from 'testcontainers';

/** The broker everything else runs: docker-compose.yml, deploy/local and production (4.1.1). */
export const KAFKA_IMAGE = 'apache/kafka:4.1.1';

/** The listener clients reach through the mapped port. */
export const KAFKA_CLIENT_PORT = 9093;
const BROKER_PORT = 9092;
const CONTROLLER_PORT = 9094;
const STARTER = '/tmp/testcontainers-start.sh';
const WAITING = 'Waiting for the starter script';

/**
 * A one-node KRaft broker from the apache/kafka image, set up as deploy/local's (auto-created topics
 * of 6 partitions, single-replica internal topics). @testcontainers/kafka only drives Confluent's
 * images, so this does what it does: the advertised listener needs the mapped port, known only once
 * the container runs, so the container waits for a starter script that is copied in then.
 */
export class ApacheKafkaContainer extends GenericContainer {
  private readonly readyWait = Wait.forLogMessage(/Kafka Server started/);

  constructor(image = KAFKA_IMAGE) {
    super(image);
    this.withExposedPorts(KAFKA_CLIENT_PORT)
      .withStartupTimeout(180_000)
      .withEnvironment({
        CLUSTER_ID: 'VGVzdGNvbnRhaW5lcnMwMQ',
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${KAFKA_CLIENT_PORT},BROKER://0.0.0.0:${BROKER_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT}`,
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
        KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${CONTROLLER_PORT}`,
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
        KAFKA_NUM_PARTITIONS: '6',
        KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '6',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '6',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      })
      .withWaitStrategy(Wait.forLogMessage(WAITING))
      .withEntrypoint(['sh'])
      .withCommand([
        '-c',
        `echo '${WAITING}'; while [ ! -f ${STARTER} ]; do sleep 0.1; done; exec sh ${STARTER}`,
      ]);
  }

  protected override async containerStarted(
    container: StartedTestContainer,
    inspectResult: InspectResult,
  ): Promise<void> {
    const advertised = [
      `PLAINTEXT://${container.getHost()}:${container.getMappedPort(KAFKA_CLIENT_PORT)}`,
      `BROKER://${inspectResult.hostname}:${BROKER_PORT}`,
    ].join(',');
    await container.copyContentToContainer([
      {
        content: `export KAFKA_ADVERTISED_LISTENERS=${advertised}\nexec /etc/kafka/docker/run\n`,
        target: STARTER,
        mode: 0o755,
      },
    ]);
    const client = await getContainerRuntimeClient();
    const boundPorts = BoundPorts.fromInspectResult(
      client.info.containerRuntime.hostIps,
      inspectResult,
    ).filter(this.exposedPorts);
    await waitForContainer(client, client.container.getById(container.getId()), this.readyWait, boundPorts);
  }
}
