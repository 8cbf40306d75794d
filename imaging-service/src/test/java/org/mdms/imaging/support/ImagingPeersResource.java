package org.mdms.imaging.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.mdms.local.testing.PatientServiceResource;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything imaging-service talks to, all real: embedded MariaDB and S3Proxy, and the real patient-service
 * (started by {@link PatientServiceResource}). MariaDB and S3Proxy are reached through {@link TcpLink}s so that
 * fault-injection tests can take either one away mid-upload; patient-service is stopped with
 * {@link PatientServiceResource#stopPatientService()}.
 */
public class ImagingPeersResource implements QuarkusTestResourceLifecycleManager {

    private static TcpLink s3Link;
    private static TcpLink dbLink;
    private static Map<String, String> direct;

    @Override
    public Map<String, String> start() {
        try {
            direct = PatientServiceResource.startOnce();
            URI s3 = URI.create(direct.get("mdms.s3.endpoint"));
            if (s3Link == null) {
                s3Link = new TcpLink(s3.getHost(), s3.getPort());
                dbLink = new TcpLink(direct.get("mdms.db.host"), Integer.parseInt(direct.get("mdms.db.port")));
            }
            Map<String, String> config = new HashMap<>(direct);
            config.put("mdms.s3.endpoint", "http://127.0.0.1:" + s3Link.port());
            config.put("mdms.db.host", "127.0.0.1");
            config.put("mdms.db.port", Integer.toString(dbLink.port()));
            return config;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the links live as long as the test JVM, like the servers behind them
    }

    public static TcpLink s3Link() {
        return s3Link;
    }

    public static TcpLink dbLink() {
        return dbLink;
    }

    /** The real servers' coordinates (not through the links), for checks behind the service's back. */
    public static Map<String, String> direct() {
        return direct;
    }
}
