package org.mdms.records.device;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;

import java.util.List;
import java.util.Map;

/**
 * The stream's upgrade request carries the device's credential ({@code Authorization: Device <id>:<secret>}, the
 * header every WebSocket client library outside a browser can set); a wrong one is refused before the upgrade with
 * the status POST .../measurements would answer (401, 403, 409), so no socket is opened for it. Every frame is
 * checked again, so a secret rotated or a device taken out of service stops an open stream at its next frame.
 */
@ApplicationScoped
public class DeviceStreamCheck implements HttpUpgradeCheck {

    private final MeasurementIngest ingest;

    DeviceStreamCheck(MeasurementIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return DeviceStream.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        long deviceId;
        try {
            deviceId = Long.parseLong(context.pathParam("id"));
        } catch (NumberFormatException e) {
            return CheckResult.rejectUpgrade(404);
        }
        return ingest.authenticate(deviceId, context.httpRequest().getHeader("Authorization"))
                .replaceWith(CheckResult.permitUpgradeSync())
                .onFailure(DomainException.class).recoverWithItem(failure -> refused((DomainException) failure));
    }

    private static CheckResult refused(DomainException failure) {
        Map<String, List<String>> headers = failure.status() == 401
                ? Map.of("WWW-Authenticate", List.of("Device")) : Map.of();
        return CheckResult.rejectUpgradeSync(failure.status(), headers);
    }
}
