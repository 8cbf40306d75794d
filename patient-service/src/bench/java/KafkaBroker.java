import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A one-node KRaft Kafka (broker and controller in one JVM) for run-ingest.sh's BENCH_KAFKA=true: the same Kafka
 * test kit as the tests' InProcessKafka, on free ports, with its logs in a temporary folder removed when it stops.
 * Writes the bootstrap servers to the file named by the first argument once the broker is ready, then runs until
 * its standard input closes (the script holds it open). Run as a single-file source program with patient-service's
 * test class path.
 */
public class KafkaBroker {

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Path written = Files.writeString(ready.resolveSibling(ready.getFileName() + ".tmp"),
                    cluster.bootstrapServers());
            Files.move(written, ready, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("Kafka ready at " + cluster.bootstrapServers());
            while (System.in.read() != -1) {
                // nothing to read: the script closes the pipe to stop the broker
            }
        }
    }
}
