package org.mdms.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The reactive MySQL client (Vert.x 4.5) makes its client metrics once per connection, all under one name
 * ({@code mysql.*}, tagged clientType=sql and the datasource): Quarkus' binder registers each connection's two gauges
 * ({@code mysql.queue.size}, {@code mysql.current}) under that one id, so only the first connection's values were
 * reported and every later registration was refused with the start-up warning "This Gauge has been already
 * registered" (quarkus#47504). Those gauges are left out; the pool's own gauges ({@code sql.pool.*}: waiting,
 * active, idle) count every connection, and the client's timers and counters add up over connections as they are.
 */
@Singleton
public class ConnectionGauges {

    @Produces
    @Singleton
    MeterFilter perConnectionGaugesLeftOut() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && "sql".equals(id.getTag("clientType")));
    }
}
