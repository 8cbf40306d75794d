package org.mdms.records.device;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * With Kafka on, the readings topic is created at start-up with the configured partitions (a broker's automatic
 * topics would have its default, often 1), before the channels connect; so is its dead-letter topic, with one
 * partition (records are rare there and read in the order they were set aside). An existing topic is left as it is.
 */
@ApplicationScoped
public class ReadingsTopic {

    private static final Logger LOG = Logger.getLogger(ReadingsTopic.class);

    private final KafkaIngestSettings settings;
    private final Map<String, Object> kafka;

    ReadingsTopic(KafkaIngestSettings settings, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.settings = settings;
        this.kafka = kafka;
    }

    // start-up runs on the main thread, so blocking on the broker here is fine; a broker that is not there fails it
    void create(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start)
            throws InterruptedException {
        if (!settings.enabled()) {
            return;
        }
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(config)) {
            create(admin, new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor()));
            create(admin, new NewTopic(settings.deadLetterTopic(), 1, settings.replicationFactor()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("no Kafka broker answered at " + config.get(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " (mdms.ingest.kafka.enabled=true)", e);
        }
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            LOG.infof("Kafka topic %s created with %d partitions", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("the topic " + topic.name() + " could not be created", e.getCause());
            }
        }
    }
}
