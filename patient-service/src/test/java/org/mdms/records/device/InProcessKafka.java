package org.mdms.records.device;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Map;

/**
 * A one-node KRaft Kafka (broker and controller in one) inside the test JVM, from Kafka's own test kit: no Docker.
 * Its topics are not created automatically, so the service's own topic creation is what the tests see.
 */
public class InProcessKafka implements QuarkusTestResourceLifecycleManager {

    /** One per test JVM at a time (the Kafka test profile's); static so a test can stop it ({@link #stopNow}). */
    private static KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka did not start", e);
        }
        return Map.of("kafka.bootstrap.servers", cluster.bootstrapServers());
    }

    @Override
    public void stop() {
        stopNow();
    }

    /** Stops the broker now (a test of what the service does without it); stop() then has nothing left to do. */
    static synchronized void stopNow() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("the in-process Kafka did not stop", e);
            } finally {
                cluster = null;
            }
        }
    }
}
